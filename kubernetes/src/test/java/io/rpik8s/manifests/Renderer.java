package io.rpik8s.manifests;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Renders the kustomize tree with {@code kubectl kustomize}. The tree is copied to
 * {@code target/render-tree} first and the git-ignored credential files are generated there by
 * {@code secrets/generate-secrets.sh}, exactly as an operator would, so the real checkout is untouched.
 */
final class Renderer {

    /** Folders of the module that are not part of the manifests. */
    private static final Set<String> NOT_MANIFESTS = Set.of("src", "target", ".mvn");

    private static final Map<String, List<HasMetadata>> CACHE = new ConcurrentHashMap<>();
    private static volatile Path tree;

    private Renderer() {
    }

    static Path sourceRoot() {
        return Paths.get(System.getProperty("manifests.root", ".")).toAbsolutePath().normalize();
    }

    /** Renders a kustomization below the manifests root ("" for the root itself). */
    static List<HasMetadata> render(String kustomization) {
        return CACHE.computeIfAbsent(kustomization, k -> Manifests.parse(renderYaml(k)));
    }

    static String renderYaml(String kustomization) {
        Path kubectl = Paths.get(System.getProperty("kubectl.path", "/usr/bin/kubectl"));
        if (!Files.isExecutable(kubectl)) {
            throw new IllegalStateException("kubectl not found at " + kubectl
                    + ": the manifest tests need `kubectl kustomize` (kubectl >= 1.27). Install it or run Maven with "
                    + "-Dkubectl.path=/path/to/kubectl.");
        }
        Path dir = preparedTree().resolve(kustomization);
        return run(List.of(kubectl.toString(), "kustomize", dir.toString()), "kubectl kustomize " + kustomization);
    }

    private static synchronized Path preparedTree() {
        if (tree == null) {
            Path source = sourceRoot();
            Path target = source.resolve("target").resolve("render-tree");
            try {
                deleteRecursively(target);
                try (Stream<Path> paths = Files.walk(source)) {
                    for (Path path : (Iterable<Path>) paths::iterator) {
                        Path relative = source.relativize(path);
                        if (relative.getNameCount() > 0 && NOT_MANIFESTS.contains(relative.getName(0).toString())) {
                            continue;
                        }
                        Path copy = target.resolve(relative.toString());
                        if (Files.isDirectory(path)) {
                            Files.createDirectories(copy);
                        } else if (!isGeneratedSecret(relative)) {
                            Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot copy the manifests to " + target, e);
            }
            Path secrets = target.resolve("secrets");
            run(List.of("sh", secrets.resolve("generate-secrets.sh").toString(), secrets.toString()),
                    "secrets/generate-secrets.sh");
            tree = target;
        }
        return tree;
    }

    /** A developer's real credentials never go into the test copy. */
    private static boolean isGeneratedSecret(Path relative) {
        return relative.startsWith("secrets") && relative.toString().endsWith(".txt");
    }

    private static String run(List<String> command, String what) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            var stdout = process.getInputStream().readAllBytes();
            var stderr = process.getErrorStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(what + " failed: " + new String(stderr, StandardCharsets.UTF_8));
            }
            return new String(stdout, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(what + " could not be started", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : (Iterable<Path>) paths.sorted((a, b) -> b.getNameCount() - a.getNameCount())::iterator) {
                Files.delete(p);
            }
        }
    }
}
