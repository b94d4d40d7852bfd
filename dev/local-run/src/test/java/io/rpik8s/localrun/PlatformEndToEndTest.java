package io.rpik8s.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.rpik8s.model.events.EventSchemas;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.model.events.Topics;
import io.rpik8s.model.webhook.WebhookVerifier;
import io.rpik8s.dev.embedded.EmbeddedKafka;
import io.rpik8s.dev.embedded.EmbeddedPostgres;
import io.rpik8s.testsupport.EventProbe;
import io.rpik8s.dev.embedded.FreePorts;
import io.rpik8s.testsupport.ReceivedEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole platform as the local run starts it — the four services as separate processes from their packaged
 * jars, on one real Kafka broker and PostgreSQL, with the simulated cluster — driven over HTTP as a user would:
 * an app deployed through deployment-service is announced on Kafka, received with its CloudEvents attributes and
 * trace context by monitoring-service (the rollout timeline) and delivered, signed and traced, by the
 * webhook-dispatcher to a receiver.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REPOSITORY = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
    private static final List<String> SERVICES = List.of("deployment-service", "monitoring-service",
            "storage-service", "webhook-dispatcher");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private LocalRun platform;
    private Path local;
    private Map<String, Integer> ports;
    private String adminToken;
    private HttpServer receiver;

    private record Delivery(Map<String, String> headers, String body) {
    }

    @BeforeAll
    void startThePlatform() throws Exception {
        for (String service : SERVICES) {
            assertThat(REPOSITORY.resolve("services/" + service + "/target/quarkus-app/quarkus-run.jar"))
                    .as("%s must be packaged before this test (the reactor build does it)", service).exists();
        }
        local = Files.createTempDirectory("platform-e2e");
        EmbeddedKafka kafka = EmbeddedKafka.shared();
        kafka.createTopics(Topics.DEPLOYMENTS, Topics.ALERTS, Topics.STORAGE, Topics.WEBHOOKS);
        EmbeddedPostgres.Database db = EmbeddedPostgres.shared().createDatabase("platform_e2e");

        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("PLATFORM_DB_URL", db.jdbcUrl());
        env.put("PLATFORM_DB_USERNAME", db.username());
        env.put("PLATFORM_DB_PASSWORD", db.password());
        platform = new LocalRun(new LocalPaths(REPOSITORY, local), env,
                new LocalRunOptions(Set.copyOf(SERVICES), false, FreePorts.next(), false));
        Map<String, Boolean> ready = platform.start();
        assertThat(ready).as("every service reaches /q/health/ready").containsOnlyKeys(SERVICES)
                .allSatisfy((service, isReady) -> assertThat(isReady).as(service).isTrue());
        ports = platform.servicePorts();
        adminToken = Files.readString(local.resolve("admin-token")).trim();

        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            deliveries.add(new Delivery(headers,
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    void stopThePlatform() {
        if (receiver != null) {
            receiver.stop(0);
        }
        if (platform != null) {
            platform.stop();
        }
    }

    @Test
    void everyServiceRefusesAnonymousApiCallsAndAcceptsTheAdminToken() throws Exception {
        for (String service : SERVICES) {
            HttpResponse<String> anonymous = send("GET", service, "/api/v1/auth/whoami", null, null);
            assertThat(anonymous.statusCode()).as(service).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("Content-Type")).as(service)
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));

            HttpResponse<String> admin = send("GET", service, "/api/v1/auth/whoami", adminToken, null);
            assertThat(admin.statusCode()).as(service).isEqualTo(200);
            assertThat(JSON.readTree(admin.body()).get("subject").asText()).isEqualTo("local-admin");
        }
    }

    @Test
    void aDeploymentIsAnnouncedReceivedByMonitoringAndDeliveredAsASignedWebhook() throws Exception {
        HttpResponse<String> endpoint = send("POST", "webhook-dispatcher", "/api/v1/webhooks/endpoints", adminToken,
                "{\"url\": \"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks\","
                        + " \"description\": \"e2e receiver\", \"filterTypes\": [\"deployment.*\"]}");
        assertThat(endpoint.statusCode()).as(endpoint.body()).isEqualTo(201);
        String secret = JSON.readTree(endpoint.body()).get("secret").asText();

        try (EventProbe probe = EventProbe.on(EmbeddedKafka.shared().bootstrapServers(),
                List.of(Topics.DEPLOYMENTS))) {
            HttpResponse<String> created = send("POST", "deployment-service", "/api/v1/deployments", adminToken,
                    "{\"name\": \"e2e-app\", \"namespace\": \"default\", \"image\": \"nginx:1.27\", \"replicas\": 2}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(created.headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/deployments/default/e2e-app"));

            // On Kafka: a binary-mode CloudEvent with the trace of the request that caused it.
            ReceivedEvent event = probe.await(EventTypes.DEPLOYMENT_CREATED,
                    e -> "default/e2e-app".equals(e.header("ce_subject")), Duration.ofSeconds(30));
            String ceId = event.header("ce_id");
            assertThat(event.header("ce_source")).isEqualTo("/rpi-k8s-platform/deployment-service");
            assertThat(event.header("ce_time")).isNotBlank();
            assertThat(EventSchemas.validate(event.value())).isEmpty();
            assertThat(event.data().actor()).isEqualTo("local-admin");
            String traceId = traceIdOf(event.header("traceparent"));

            // What a newcomer sees of it in the local run: the event among the topic's recent events, and the
            // request's trace, with the spans of the service that made the event and of the one that consumed it.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertThat(
                    getJson(platform.inspectionUrl() + "/events/" + Topics.DEPLOYMENTS).findValuesAsText("id"))
                    .contains(ceId));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(
                    getJson(platform.inspectionUrl() + "/traces/" + traceId).findValuesAsText("service"))
                    .contains("deployment-service", "monitoring-service"));
            assertThat(getJson(platform.inspectionUrl() + "/traces")).as("the list of recent traces")
                    .anySatisfy(t -> assertThat(t.get("root").asText()).startsWith("deployment-service: "));

            // In monitoring-service: the same event, same id, same trace.
            JsonNode entry = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> timelineEntry(ceId), e -> e != null);
            assertThat(entry.get("type").asText()).isEqualTo("deployment.created");
            assertThat(entry.get("traceId").asText()).isEqualTo(traceId);

            // At the webhook receiver: signed, with the stable id derived from the event and the same trace.
            Delivery delivery = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> deliveries.stream()
                            .filter(d -> d.body().contains("\"deployment.created\"")).findFirst().orElse(null),
                            d -> d != null);
            new WebhookVerifier(secret).verify(delivery.headers(), delivery.body());
            assertThat(delivery.headers().get("webhook-id")).isEqualTo("msg_" + ceId);
            assertThat(traceIdOf(delivery.headers().get("traceparent"))).isEqualTo(traceId);
            assertThat(JSON.readTree(delivery.body()).at("/deployment/image").asText()).isEqualTo("nginx:1.27");

            // The simulated cluster rolls the app out; its readiness is announced and reaches the timeline too.
            ReceivedEvent ready = probe.await(EventTypes.DEPLOYMENT_READY,
                    e -> "default/e2e-app".equals(e.header("ce_subject")), Duration.ofSeconds(60));
            assertThat(ready.data().deployment().readyReplicas()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> timelineEntry(ready.header("ce_id")), e -> e != null);
        }
    }

    @Test
    void aPodsLogCanBeFollowedAsServerSentEvents() throws Exception {
        HttpResponse<String> created = send("POST", "deployment-service", "/api/v1/deployments", adminToken,
                "{\"name\": \"e2e-logs\", \"namespace\": \"default\", \"image\": \"nginx:1.27\", \"replicas\": 1}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> details = send("GET", "deployment-service", "/api/v1/deployments/default/e2e-logs",
                    adminToken, null);
            // Logs exist once the (simulated) container has started.
            return details.statusCode() == 200 && JSON.readTree(details.body()).at("/status/ready").asInt() >= 1;
        });

        HttpRequest follow = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get("deployment-service")
                        + "/api/v1/deployments/default/e2e-logs/logs/stream?tail=2"))
                .header("Authorization", "Bearer " + adminToken).header("Accept", "text/event-stream").build();
        HttpResponse<java.util.stream.Stream<String>> stream = http.send(follow,
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/event-stream"));
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try {
                stream.body().filter(l -> l.startsWith("data:")).limit(4).forEach(lines::add);
            } catch (java.io.UncheckedIOException closed) {
                // closed by the test
            }
        }, "log-follower");
        reader.setDaemon(true);
        reader.start();
        // The two tail lines, then lines the (simulated) container writes while we follow.
        await().atMost(Duration.ofSeconds(20)).until(() -> lines.size() >= 4);
        assertThat(lines).allSatisfy(l -> assertThat(l).contains("(simulated)"));
        stream.body().close();
    }

    @Test
    void aPlatformAppIsReconciledAndItsStatusServerSideAppliedByTheOperator() throws Exception {
        // The operator runs with server-side apply here (its default, as in production): the status patch is an
        // application/apply-patch+yaml request the simulated API server merges and records like a real one.
        ResourceDefinitionContext platformApps = new ResourceDefinitionContext.Builder().withGroup("rpi-k8s.io")
                .withVersion("v1alpha1").withPlural("platformapps").withKind("PlatformApp").withNamespaced(true)
                .build();
        try (KubernetesClient kube = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(local.resolve("kubeconfig")))).build()) {
            GenericKubernetesResource app = new GenericKubernetesResourceBuilder()
                    .withApiVersion("rpi-k8s.io/v1alpha1").withKind("PlatformApp")
                    .withNewMetadata().withName("e2e-papp").withNamespace("default").endMetadata()
                    .addToAdditionalProperties("spec",
                            Map.of("plugin", "container", "image", "nginx:1.27", "replicas", 2))
                    .build();
            kube.genericKubernetesResources(platformApps).inNamespace("default").resource(app).create();

            GenericKubernetesResource reconciled = await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> kube.genericKubernetesResources(platformApps).inNamespace("default")
                            .withName("e2e-papp").get(), a -> "True".equals(condition(a, "Ready").path("status")
                            .asText()));
            JsonNode ready = condition(reconciled, "Ready");
            assertThat(ready.path("reason").asText()).isEqualTo("RolloutComplete");
            assertThat(ready.path("message").asText()).isEqualTo("2/2 replicas ready");
            assertThat(JSON.valueToTree(reconciled.getAdditionalProperties().get("status"))
                    .path("observedGeneration").asLong()).isEqualTo(reconciled.getMetadata().getGeneration());
            assertThat(kube.apps().deployments().inNamespace("default").withName("e2e-papp").get().getStatus()
                    .getReadyReplicas()).isEqualTo(2);
            // The operator writes this status with server-side apply (enable-ssa is on outside tests): the simulated
            // server answers apply patches as the real one does (ServerSideApplyTest), where the Fabric8 mock
            // answered 415. It keeps no managedFields of status writes, so the manager is not asserted here.
        }
    }

    private static JsonNode condition(GenericKubernetesResource app, String type) {
        if (app == null) {
            return JSON.missingNode();
        }
        for (JsonNode c : JSON.valueToTree(app.getAdditionalProperties().get("status")).path("conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c;
            }
        }
        return JSON.missingNode();
    }

    private JsonNode timelineEntry(String ceId) throws IOException, InterruptedException {
        HttpResponse<String> timeline = send("GET", "monitoring-service",
                "/api/v1/deployments/default/e2e-app/timeline", adminToken, null);
        if (timeline.statusCode() != 200) {
            return null;
        }
        for (JsonNode entry : JSON.readTree(timeline.body())) {
            if (ceId.equals(entry.get("id").asText())) {
                return entry;
            }
        }
        return null;
    }

    private static String traceIdOf(String traceparent) {
        assertThat(traceparent).as("traceparent").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        return traceparent.split("-")[1];
    }

    private JsonNode getJson(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s: %s", url, r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> send(String method, String service, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ports.get(service) + path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
