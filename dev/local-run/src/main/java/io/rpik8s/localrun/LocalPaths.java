package io.rpik8s.localrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The git-ignored {@code .local/} tree of one checkout: data, logs, generated secrets and the kubeconfig. */
public record LocalPaths(Path repositoryRoot, Path localDir) {

    public static LocalPaths under(Path repositoryRoot) {
        Path root = repositoryRoot.toAbsolutePath().normalize();
        return new LocalPaths(root, root.resolve(".local"));
    }

    public Path kafkaData() {
        return dir("kafka");
    }

    public Path postgresData() {
        return localDir.resolve("postgres");
    }

    public Path s3Data() {
        return dir("s3");
    }

    public Path logs() {
        return dir("logs");
    }

    public Path kubeconfig() {
        return localDir.resolve("kubeconfig");
    }

    public Path adminToken() {
        return localDir.resolve("admin-token");
    }

    /** The infrastructure's settings for a service started by hand, written by {@code --infra-only}. */
    public Path infraEnv() {
        return localDir.resolve("infra.env");
    }

    public Path signingKey() {
        return localDir.resolve("signing-key");
    }

    /** The embedded PostgreSQL's {@code postgres} password (its server requires scram-sha-256 passwords). */
    public Path postgresPassword() {
        return localDir.resolve("postgres-password");
    }

    public Path s3Credentials() {
        return localDir.resolve("s3-credentials");
    }

    /** The simulated cluster's objects, saved when it stops and put back when it starts. */
    public Path clusterState() {
        return localDir.resolve("cluster").resolve("objects.json");
    }

    /** The directories and files that hold the data of a run (not the generated secrets, not the logs). */
    List<Path> data() {
        return List.of(localDir.resolve("kafka"), postgresData(), localDir.resolve("s3"), localDir.resolve("cluster"));
    }

    /** Whether an earlier run left data. */
    boolean hasData() {
        return data().stream().anyMatch(Files::exists);
    }

    /** Deletes the data of earlier runs, for a start with everything empty. */
    void deleteData() throws IOException {
        for (Path dir : data()) {
            if (Files.exists(dir)) {
                try (Stream<Path> tree = Files.walk(dir)) {
                    for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    public Path crdDirectory() {
        return repositoryRoot.resolve("kubernetes").resolve("crds");
    }

    public Path serviceDir(String service) {
        return repositoryRoot.resolve("services").resolve(service);
    }

    private Path dir(String name) {
        Path dir = localDir.resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
