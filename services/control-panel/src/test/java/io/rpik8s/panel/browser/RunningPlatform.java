package io.rpik8s.panel.browser;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.rpik8s.localrun.LocalPaths;
import io.rpik8s.localrun.LocalRun;
import io.rpik8s.localrun.LocalRunOptions;
import io.rpik8s.model.auth.PlatformTokens;
import io.rpik8s.model.events.Topics;
import io.rpik8s.dev.embedded.EmbeddedKafka;
import io.rpik8s.dev.embedded.EmbeddedPostgres;
import io.rpik8s.dev.embedded.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;

/**
 * The platform the panel is tested against, as the local run starts it: the four services from their packaged jars
 * as separate processes, on real Kafka, PostgreSQL and S3 (s3proxy), with the simulated cluster and Prometheus
 * stand-in. The panel under test runs in the test's JVM and calls them.
 */
public class RunningPlatform implements QuarkusTestResourceLifecycleManager {

    static final Path REPOSITORY = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
    static final List<String> SERVICES = List.of("deployment-service", "monitoring-service", "storage-service",
            "webhook-dispatcher");
    private static final Map<String, String> CLIENTS = Map.of("deployment-service", "deployment",
            "monitoring-service", "monitoring", "storage-service", "storage", "webhook-dispatcher", "webhooks");

    private static LocalRun platform;
    private static Path local;

    @Override
    public Map<String, String> start() {
        for (String service : SERVICES) {
            Path jar = REPOSITORY.resolve("services/" + service + "/target/quarkus-app/quarkus-run.jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " must be packaged before the browser tests (the reactor build"
                        + " does it)");
            }
        }
        try {
            local = Files.createTempDirectory("panel-platform");
            EmbeddedKafka kafka = EmbeddedKafka.shared();
            kafka.createTopics(Topics.DEPLOYMENTS, Topics.ALERTS, Topics.STORAGE, Topics.WEBHOOKS);
            EmbeddedPostgres.Database db = EmbeddedPostgres.shared().createDatabase("platform_panel");
            Map<String, String> env = new HashMap<>();
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            env.put("PLATFORM_DB_URL", db.jdbcUrl());
            env.put("PLATFORM_DB_USERNAME", db.username());
            env.put("PLATFORM_DB_PASSWORD", db.password());
            platform = new LocalRun(new LocalPaths(REPOSITORY, local), env,
                    new LocalRunOptions(Set.copyOf(SERVICES), false, FreePorts.next(), false));
            Map<String, Boolean> ready = platform.start();
            if (!ready.keySet().containsAll(SERVICES)) {
                throw new IllegalStateException("not every service started: " + ready + " (logs in " + local
                        + "/logs)");
            }
            // The launcher waits two minutes; on a machine shared with other builds a JVM may need longer.
            for (String service : SERVICES) {
                if (!ready.get(service)) {
                    awaitReady(service);
                }
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the platform did not start", e);
        }
        Map<String, String> config = new HashMap<>();
        platform.servicePorts().forEach((service, port) ->
                config.put("quarkus.rest-client." + CLIENTS.get(service) + ".url", "http://127.0.0.1:" + port));
        return config;
    }

    private static void awaitReady(String service) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(service) + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Awaitility.await(service + " ready (log in " + local + "/logs)").atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    @Override
    public void stop() {
        if (platform != null) {
            platform.stop();
        }
    }

    /** The admin token the local run wrote. */
    static String adminToken() {
        return read("admin-token");
    }

    /** A token for {@code subject} with {@code role}, signed with the local run's key. */
    static String token(String subject, String role) {
        return PlatformTokens.mint(read("signing-key"), subject, Set.of(role), Duration.ofHours(1));
    }

    /** A client of the simulated cluster the services run against, from the kubeconfig the local run wrote. */
    static KubernetesClient cluster() {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(read("kubeconfig"))).build();
    }

    /** Where a service listens. */
    static int port(String service) {
        return platform.servicePorts().get(service);
    }

    private static String read(String file) {
        try {
            return Files.readString(local.resolve(file)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
