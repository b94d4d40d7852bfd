package io.rpik8s.localrun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --infra-only} as docs/operations.md describes it: the launcher starts the infrastructure without services
 * and writes {@code infra.env}; a service started in a shell that sourced it becomes ready and works with that
 * infrastructure. The service is the packaged one ({@code java -jar}): {@code quarkus:dev} builds and watches the
 * sources for minutes, too slow for a test, and reads the same settings.
 */
@Order(0)
class InfraOnlyIT {

    private static final Pattern EVENTS = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)/events");
    private static final String SERVICE = "http://127.0.0.1:8081";

    @TempDir
    Path local;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aServiceStartedWithTheWrittenSettingsUsesTheInfrastructure() throws Exception {
        try (LauncherProcess run = LauncherProcess.start(local, "--infra-only").awaitBanner()) {
            Path env = local.resolve("infra.env");
            assertThat(run.output()).as("the banner says how to start a service").contains("infra.env", "quarkus:dev");
            assertThat(env).as("the settings for a service started by hand").exists();
            Matcher events = EVENTS.matcher(run.output());
            assertThat(events.find()).as("the banner names the events view").isTrue();

            Path log = local.resolve("deployment-service.log");
            Process service = new ProcessBuilder("bash", "-c",
                    "source \"$1\" && exec java -jar services/deployment-service/target/quarkus-app/quarkus-run.jar",
                    "infra-only-service", env.toString())
                    .directory(LauncherProcess.REPOSITORY.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            try {
                await("deployment-service ready (log " + log + ")").atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofSeconds(1)).ignoreExceptions().failFast(() -> !service.isAlive())
                        .until(() -> get(SERVICE + "/q/health/ready", null).statusCode() == 200);
                String token = Files.readString(local.resolve("admin-token")).trim();

                // It reads the simulated cluster: a Deployment made with kubectl's client is listed as an app.
                try (KubernetesClient kube = new KubernetesClientBuilder()
                        .withConfig(Config.fromKubeconfig(Files.readString(local.resolve("kubeconfig")))).build()) {
                    Map<String, String> labels = Map.of("app", "made-outside");
                    kube.resource(new DeploymentBuilder().withNewMetadata().withName("made-outside")
                            .withNamespace("default").endMetadata().withNewSpec().withReplicas(1).withNewSelector()
                            .withMatchLabels(labels).endSelector().withNewTemplate().withNewMetadata().withLabels(labels)
                            .endMetadata().withNewSpec().addNewContainer().withName("web").withImage("nginx:1.27")
                            .endContainer().endSpec().endTemplate().endSpec().build()).create();
                }
                await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(
                        get(SERVICE + "/api/v1/deployments?namespace=default", token).body()).contains("\"made-outside\""));

                // It writes to PostgreSQL and Kafka: an app deployed through it is announced on the launcher's topic.
                HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(SERVICE + "/api/v1/deployments"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"name\": \"dev-web\", \"namespace\": \"default\", \"image\": \"nginx:1.27\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(
                        get(events.group(1) + "/events/platform.deployments", null).body())
                        .contains("deployment.created", "dev-web"));
            } finally {
                service.destroy();
                if (!service.waitFor(30, TimeUnit.SECONDS)) {
                    service.destroyForcibly();
                }
            }
            run.terminate();
            run.awaitExit();
        }
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
