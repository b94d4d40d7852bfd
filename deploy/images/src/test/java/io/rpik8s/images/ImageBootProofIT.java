package io.rpik8s.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.rpik8s.model.events.Topics;
import io.rpik8s.dev.embedded.EmbeddedKafka;
import io.rpik8s.dev.embedded.EmbeddedPostgres;
import io.rpik8s.testsupport.TestTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs deploy/images/boot-proof against a real Kafka broker and PostgreSQL and checks what it found per image. */
class ImageBootProofIT {

    private static final List<String> SERVICES =
            List.of("deployment-service", "monitoring-service", "storage-service", "webhook-dispatcher",
                    "control-panel", "platform-sidecar");

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> results;
    private static int exitCode;

    @BeforeAll
    static void runProof() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.shared();
        kafka.createTopics(Topics.DEPLOYMENTS, Topics.ALERTS, Topics.STORAGE, Topics.WEBHOOKS);
        EmbeddedPostgres.Database db = EmbeddedPostgres.shared().createDatabase("boot_proof");

        // deployment-service's operator watches the Kubernetes API at start: a CRUD mock server stands in for it.
        KubernetesMockServer kubernetes = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        kubernetes.init(java.net.InetAddress.getLoopbackAddress(), 0);
        Path kubeconfig = writeKubeconfig(kubernetes.getPort());

        Path resultsFile = Files.createTempFile("boot-proof", ".jsonl");
        List<String> command = new ArrayList<>(List.of("bash", System.getProperty("boot-proof.script"),
                "--registry", System.getProperty("boot-proof.registry"), "--results", resultsFile.toString(),
                "--tag", tag(), "--services", String.join(" ", SERVICES)));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        Map<String, String> env = builder.environment();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", db.reactiveUrl());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", db.username());
        env.put("QUARKUS_DATASOURCE_PASSWORD", db.password() == null ? "" : db.password());
        env.put("PLATFORM_AUTH_SIGNING_KEY", TestTokens.signingKey());
        // Unreachable peers the services only need at request time: the proof is about booting.
        env.put("PLATFORM_STORAGE_S3_ENDPOINT", "http://127.0.0.1:9");
        env.put("PLATFORM_MONITORING_PROMETHEUS_URL", "http://127.0.0.1:9");
        env.put("PLATFORM_STORAGE_S3_ACCESS_KEY", "boot-proof");
        env.put("PLATFORM_STORAGE_S3_SECRET_KEY", "boot-proof-secret");
        env.put("PLATFORM_STORAGE_S3_REGION", "us-east-1");
        env.put("KUBECONFIG", kubeconfig.toString());
        // The app sidecar boots without its platform (it keeps subscribing again) but needs to know its app.
        env.put("SIDECAR_APP_NAME", "boot-proof");
        env.put("SIDECAR_APP_NAMESPACE", "default");
        env.put("SIDECAR_PLATFORM_URL", "http://127.0.0.1:9");

        Process process = builder.start();
        // Four services, each booting under emulation on a loaded 2-core machine: generous, but bounded.
        if (!process.waitFor(20, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("boot-proof did not finish within 20 minutes");
        }
        exitCode = process.exitValue();
        kubernetes.destroy();
        results = new ArrayList<>();
        for (String line : Files.readAllLines(resultsFile, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                results.add(JSON.readTree(line));
            }
        }
    }

    /** A kubeconfig for the mock server, readable by the images' non-root user. */
    private static Path writeKubeconfig(int port) throws IOException {
        Path file = Files.createTempFile("boot-proof-kubeconfig", ".yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "http://127.0.0.1:%d"}}]
                users: [{name: mock, user: {token: boot-proof}}]
                contexts: [{name: mock, context: {cluster: mock, user: mock, namespace: default}}]
                current-context: mock
                """.formatted(port));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    /** The tag under test: -Dboot-proof.tag, else the current git commit that build-all tagged the images with. */
    private static String tag() throws IOException, InterruptedException {
        String tag = System.getProperty("boot-proof.tag", "");
        if (!tag.isBlank()) {
            return tag;
        }
        Process git = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").start();
        String sha = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(git.waitFor()).as("git rev-parse").isZero();
        return sha;
    }

    @Test
    void everyServiceImageBootsOnArm64AsNonRoot() {
        assertThat(results).extracting(r -> r.path("service").asText()).containsExactlyElementsOf(SERVICES);
        for (JsonNode r : results) {
            String service = r.path("service").asText();
            assertThat(r.path("architecture").asText()).as(service + " architecture").isEqualTo("arm64");
            assertThat(r.path("os").asText()).as(service + " os").isEqualTo("linux");
            assertThat(r.path("nonRoot").asBoolean()).as(service + " runs as non-root, user " + r.path("user"))
                    .isTrue();
            assertThat(r.path("user").asText()).as(service + " user").isNotIn("", "root", "0");
            assertThat(r.path("live").asBoolean()).as(service + " answered /q/health/live").isTrue();
            assertThat(r.path("health").path("status").asText()).as(service + " liveness").isEqualTo("UP");
            assertThat(r.path("aotCache").asBoolean())
                    .as(service + " started with the AOT cache of its image (build-all --aot-cache arm64)").isTrue();
        }
        assertThat(exitCode).as("boot-proof exit status").isZero();
    }

    @Test
    void compressedImageSizesAreReportedAndBounded() {
        long limit = Long.getLong("boot-proof.max-compressed-mb", 160) * 1_000_000L;
        for (JsonNode r : results) {
            long bytes = r.path("compressedBytes").asLong();
            System.out.printf("image-boot-proof: %-20s linux/arm64 %6.1f MB compressed, live after %s s%n",
                    r.path("service").asText(), bytes / 1e6, r.path("bootSeconds").asText());
            assertThat(bytes).as(r.path("service").asText() + " compressed size").isPositive().isLessThan(limit);
        }
    }
}
