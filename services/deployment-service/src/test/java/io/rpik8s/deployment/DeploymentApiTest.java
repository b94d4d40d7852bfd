package io.rpik8s.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.rpik8s.model.events.EventSchemas;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.model.events.Topics;
import io.rpik8s.testsupport.EventProbe;
import io.rpik8s.testsupport.PlatformTestResource;
import io.rpik8s.testsupport.ReceivedEvent;
import io.rpik8s.testsupport.TestTokens;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The API against the simulated cluster: its controllers make the ReplicaSets, pods, status and events. */
@QuarkusTest
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(PlatformTestResource.class)
@Order(1)
class DeploymentApiTest {

    static final String WEB_0_9 = "registry.local:5000/team/web:0.9.0";
    /** An image the simulated kubelet crash-loops (pod-lifecycle.yaml). */
    static final String CRASHING = "registry.local:5000/team/crashloop:1.0.0";

    @SimulatedClusterResource.Inject
    TestCluster cluster;

    KubernetesClient kube;

    @BeforeEach
    void namespaces() {
        kube = cluster.kube();
        cluster.namespace("apps");
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", TestTokens.bearer(token)).contentType(ContentType.JSON);
    }

    static Map<String, Object> app(String name) {
        return Map.of("name", name, "namespace", "apps", "image", "registry.local:5000/team/web:1.0.0",
                "replicas", 2);
    }

    @Test
    void deployCreatesDeploymentAndServiceAndAnnouncesIt() {
        try (EventProbe probe = EventProbe.on(Topics.DEPLOYMENTS)) {
            as(TestTokens.operator()).body(Map.ofEntries(
                            Map.entry("name", "web"), Map.entry("namespace", "apps"),
                            Map.entry("image", "registry.local:5000/team/web:1.0.0"), Map.entry("replicas", 2),
                            Map.entry("ports", java.util.List.of(Map.of("name", "http", "containerPort", 8080))),
                            Map.entry("env", java.util.List.of(Map.of("name", "MODE", "value", "prod"),
                                    Map.of("name", "TOKEN", "secretKeyRef", Map.of("name", "web-secret", "key", "t")),
                                    Map.of("name", "LEVEL", "configMapKeyRef", Map.of("name", "web-cm", "key", "l")))),
                            Map.entry("resources", Map.of("requests", Map.of("cpu", "100m", "memory", "64Mi"),
                                    "limits", Map.of("memory", "128Mi"))),
                            Map.entry("labels", Map.of("team", "ml")),
                            Map.entry("service", Map.of("port", 80)),
                            Map.entry("readinessProbe", Map.of("path", "/health", "port", 8080)),
                            Map.entry("livenessProbe", Map.of("port", 8080)),
                            Map.entry("nodeSelector", Map.of("kubernetes.io/arch", "arm64"))))
                    .post("/api/v1/deployments")
                    .then().statusCode(201)
                    .header("Location", endsWith("/api/v1/deployments/apps/web"))
                    .body("image", equalTo("registry.local:5000/team/web:1.0.0"))
                    .body("plugin", equalTo("container"))
                    .body("spec.servicePort", equalTo(80))
                    .body("status.rolloutState", equalTo("progressing"));

            Deployment d = kube.apps().deployments().inNamespace("apps").withName("web").get();
            assertThat(d.getSpec().getReplicas()).isEqualTo(2);
            var c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(c.getImage()).isEqualTo("registry.local:5000/team/web:1.0.0");
            assertThat(c.getEnv()).extracting(e -> e.getName()).containsExactly("MODE", "TOKEN", "LEVEL");
            assertThat(c.getEnv().get(1).getValueFrom().getSecretKeyRef().getName()).isEqualTo("web-secret");
            assertThat(c.getEnv().get(2).getValueFrom().getConfigMapKeyRef().getKey()).isEqualTo("l");
            assertThat(c.getResources().getRequests().get("cpu").toString()).isEqualTo("100m");
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
            assertThat(c.getLivenessProbe().getTcpSocket().getPort().getIntVal()).isEqualTo(8080);
            assertThat(d.getSpec().getTemplate().getSpec().getNodeSelector()).containsEntry("kubernetes.io/arch",
                    "arm64");
            assertThat(d.getMetadata().getLabels()).containsEntry("team", "ml")
                    .containsEntry("app.kubernetes.io/managed-by", "rpi-k8s-platform")
                    .containsEntry("rpi-k8s.io/plugin", "container");
            var service = kube.services().inNamespace("apps").withName("web").get();
            assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(80);
            assertThat(service.getSpec().getPorts().get(0).getTargetPort().getIntVal()).isEqualTo(8080);

            ReceivedEvent created = probe.await(EventTypes.DEPLOYMENT_CREATED, e -> "apps/web".equals(e.key()));
            assertThat(EventSchemas.validate(created.value())).isEmpty();
            assertThat(created.data().actor()).isEqualTo("test-operator");
            assertThat(created.data().deployment().replicas()).isEqualTo(2);
            assertThat(created.data().deployment().image()).isEqualTo("registry.local:5000/team/web:1.0.0");
            assertThat(created.data().deployment().origin()).isEqualTo("api");
        }

        as(TestTokens.viewer()).get("/api/v1/deployments/apps/web/history").then().statusCode(200)
                .body("items[0].action", equalTo("create")).body("items[0].result", equalTo("succeeded"))
                .body("items[0].actor", equalTo("test-operator"));
        as(TestTokens.viewer()).get("/api/v1/deployments?namespace=apps&labelSelector=team=ml").then()
                .statusCode(200).body("items.name", contains("web")).body("total", equalTo(1));
        as(TestTokens.viewer()).get("/api/v1/deployments?plugin=manifest").then().statusCode(200)
                .body("items.name", org.hamcrest.Matchers.not(hasItem("web")));

        as(TestTokens.operator()).body(app("web")).post("/api/v1/deployments").then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void badRequestsAre400NamingTheField() {
        assertInvalid(Map.of("name", "Bad_Name", "namespace", "apps", "image", "nginx:1"), "name");
        assertInvalid(Map.of("name", "ok", "namespace", "apps", "image", "UPPER CASE!"), "image");
        assertInvalid(Map.of("name", "ok", "namespace", "apps"), "image");
        assertInvalid(Map.of("name", "ok", "namespace", "apps", "image", "nginx:1", "replicas", 21), "replicas");
        assertInvalid(Map.of("name", "ok", "namespace", "apps", "image", "nginx:1", "replicas", -1), "replicas");
        assertInvalid(Map.of("name", "ok", "namespace", "apps", "image", "nginx:1",
                "resources", Map.of("requests", Map.of("cpu", "lots"))), "resources.requests.cpu");
        assertInvalid(Map.of("name", "ok", "namespace", "apps", "image", "nginx:1", "plugin", "nope"), "plugin");
        assertInvalid(Map.of("name", "ok", "namespace", "kube-system", "image", "nginx:1"), "namespace");
        assertInvalid(Map.of("name", "ok", "namespace", "watched", "image", "nginx:1"), "namespace");
        assertInvalid(Map.of("name", "ok", "namespace", "apps", "image", "nginx:1",
                "service", Map.of("port", 70000)), "service.port");
        assertInvalid(Map.of("name", "ok", "namespace", "apps", "image", "nginx:1",
                "env", java.util.List.of(Map.of("name", "A"))), "env[0]");
        // a misspelt field is refused, not replaced by its default (one replica instead of three)
        assertInvalid(Map.of("name", "ok", "namespace", "apps", "image", "nginx:1", "replicaz", 3), "replicaz");
        as(TestTokens.operator()).body("{\"name\":").post("/api/v1/deployments").then().statusCode(400)
                .contentType("application/problem+json");
        as(TestTokens.viewer()).get("/api/v1/deployments?labelSelector=a!b").then().statusCode(400)
                .body("errors[0].field", equalTo("labelSelector"));
        assertThat(kube.apps().deployments().inNamespace("apps").withName("ok").get()).isNull();

        as(TestTokens.viewer()).body(app("viewer-app")).post("/api/v1/deployments").then().statusCode(403);
        as(TestTokens.viewer()).get("/api/v1/deployments/apps/missing").then().statusCode(404)
                .contentType("application/problem+json");
        as(TestTokens.operator()).body(Map.of("replicas", 3)).post("/api/v1/deployments/apps/missing/scale").then()
                .statusCode(404);
        as(TestTokens.operator()).delete("/api/v1/deployments/apps/missing").then().statusCode(404);
    }

    private static void assertInvalid(Map<String, Object> body, String field) {
        as(TestTokens.operator()).body(body).post("/api/v1/deployments").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }

    @Test
    void namespaceIsCreatedOnlyWhenAsked() {
        as(TestTokens.operator()).body(Map.of("name", "nsapp", "namespace", "team-b", "image", "nginx:1.27"))
                .post("/api/v1/deployments").then().statusCode(400).body("errors[0].field", equalTo("namespace"));
        as(TestTokens.operator()).body(Map.of("name", "nsapp", "namespace", "team-b", "image", "nginx:1.27",
                "createNamespace", true)).post("/api/v1/deployments").then().statusCode(201);
        assertThat(kube.namespaces().withName("team-b").get()).isNotNull();
    }

    @Test
    void updateScaleRestartAndDeleteChangeTheClusterAndEmitOneEventEach() {
        try (EventProbe probe = EventProbe.on(Topics.DEPLOYMENTS)) {
            as(TestTokens.operator()).body(Map.of("name", "api", "namespace", "apps", "image", "ghcr.io/acme/api:1",
                    "service", Map.of("port", 8080))).post("/api/v1/deployments").then().statusCode(201);
            as(TestTokens.operator()).body(Map.of("image", "ghcr.io/acme/api:2",
                            "env", java.util.List.of(Map.of("name", "X", "value", "1")),
                            "resources", Map.of("limits", Map.of("memory", "256Mi"))))
                    .put("/api/v1/deployments/apps/api").then().statusCode(200)
                    .body("image", equalTo("ghcr.io/acme/api:2")).body("spec.env", contains("X"))
                    .body("spec.resources.limits.memory", equalTo("256Mi"));
            ReceivedEvent updated = probe.await(EventTypes.DEPLOYMENT_UPDATED, e -> "apps/api".equals(e.key()));
            assertThat(updated.data().deployment().previousImage()).isEqualTo("ghcr.io/acme/api:1");
            assertThat(EventSchemas.validate(updated.value())).isEmpty();

            as(TestTokens.operator()).body(Map.of("replicas", 4)).post("/api/v1/deployments/apps/api/scale").then()
                    .statusCode(200).body("spec.replicas", equalTo(4));
            assertThat(kube.apps().deployments().inNamespace("apps").withName("api").get().getSpec().getReplicas())
                    .isEqualTo(4);
            ReceivedEvent scaled = probe.await(EventTypes.DEPLOYMENT_SCALED, e -> "apps/api".equals(e.key()));
            assertThat(scaled.data().deployment().previousReplicas()).isEqualTo(1);
            assertThat(EventSchemas.validate(scaled.value())).isEmpty();
            as(TestTokens.operator()).body(Map.of("replicas", 99)).post("/api/v1/deployments/apps/api/scale").then()
                    .statusCode(400).body("errors[0].field", equalTo("replicas"));
            as(TestTokens.operator()).body(Map.of("image", "no good")).put("/api/v1/deployments/apps/api").then()
                    .statusCode(400).body("errors[0].field", equalTo("image"));

            as(TestTokens.operator()).post("/api/v1/deployments/apps/api/restart").then().statusCode(200);
            assertThat(kube.apps().deployments().inNamespace("apps").withName("api").get().getSpec().getTemplate()
                    .getMetadata().getAnnotations()).containsKey("kubectl.kubernetes.io/restartedAt");
            ReceivedEvent restarted = probe.await(EventTypes.DEPLOYMENT_RESTARTED, e -> "apps/api".equals(e.key()));
            assertThat(EventSchemas.validate(restarted.value())).isEmpty();

            as(TestTokens.operator()).delete("/api/v1/deployments/apps/api").then().statusCode(204);
            assertThat(kube.apps().deployments().inNamespace("apps").withName("api").get()).isNull();
            assertThat(kube.services().inNamespace("apps").withName("api").get()).isNull();
            ReceivedEvent deleted = probe.await(EventTypes.DEPLOYMENT_DELETED, e -> "apps/api".equals(e.key()));
            assertThat(EventSchemas.validate(deleted.value())).isEmpty();

            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
            assertThat(probe.received().stream().filter(e -> "apps/api".equals(e.key())
                    && !e.type().equals(EventTypes.DEPLOYMENT_READY)).map(ReceivedEvent::type))
                    .as("one event per accepted change, none for refused ones")
                    .containsExactly(EventTypes.DEPLOYMENT_CREATED, EventTypes.DEPLOYMENT_UPDATED,
                            EventTypes.DEPLOYMENT_SCALED,
                            EventTypes.DEPLOYMENT_RESTARTED, EventTypes.DEPLOYMENT_DELETED);
        }
        as(TestTokens.viewer()).get("/api/v1/deployments/apps/api/history").then().statusCode(200)
                .body("items.action", contains("delete", "restart", "scale", "update", "create"))
                .body("items.result", everyItem(equalTo("succeeded")));
    }

    @Test
    void detailsShowLiveStatusPodsRevisionsEventsAndLogs() {
        as(TestTokens.operator()).body(Map.of("name", "live", "namespace", "apps", "image", WEB_0_9, "replicas", 2))
                .post("/api/v1/deployments").then().statusCode(201);
        as(TestTokens.operator()).body(Map.of("name", "other", "namespace", "apps", "image", WEB_0_9))
                .post("/api/v1/deployments").then().statusCode(201);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(TestTokens.viewer())
                .get("/api/v1/deployments/apps/live").then().statusCode(200)
                .body("status.ready", equalTo(2)).body("status.revision", equalTo(1))
                .body("status.rolloutState", equalTo("complete")));
        // revision 2 crash-loops: the rolling update keeps revision 1's two pods and never completes
        as(TestTokens.operator()).body(Map.of("image", CRASHING)).put("/api/v1/deployments/apps/live").then()
                .statusCode(200);

        // what the simulated controllers write reaches the service's cluster cache a moment later, as on a cluster
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(TestTokens.viewer())
                .get("/api/v1/deployments/apps/live").then().statusCode(200)
                .body("status.desired", equalTo(2)).body("status.ready", equalTo(2))
                .body("status.updated", equalTo(1)).body("status.revision", equalTo(2))
                .body("status.rolloutState", equalTo("failed"))
                .body("status.message", containsString("restarting failed container"))
                .body("pods", hasSize(3))
                .body("pods.findAll { it.restarts > 0 }", hasSize(1))
                .body("pods.find { it.restarts > 0 }.node", org.hamcrest.Matchers.startsWith("pi-"))
                .body("pods.findAll { it.restarts == 0 && it.phase == 'Running' }", hasSize(2)));

        as(TestTokens.viewer()).get("/api/v1/deployments/apps/live/revisions").then().statusCode(200)
                .body("revision", contains(1, 2))
                .body("image", contains(WEB_0_9, CRASHING))
                .body("current", contains(false, true));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(TestTokens.viewer())
                .get("/api/v1/deployments/apps/live/events").then().statusCode(200)
                .body("reason", org.hamcrest.Matchers.hasItems("ScalingReplicaSet", "Scheduled", "BackOff"))
                .body("object", everyItem(containsString("live")))
                .body("object", everyItem(org.hamcrest.Matchers.not(containsString("other")))));

        String running = as(TestTokens.viewer()).get("/api/v1/deployments/apps/live").then().statusCode(200)
                .extract().path("pods.find { it.restarts == 0 }.name");
        String logs = given().header("Authorization", TestTokens.bearer(TestTokens.viewer()))
                .get("/api/v1/deployments/apps/live/logs?pod=" + running + "&tail=5").then().statusCode(200)
                .extract().asString();
        // the simulated kubelet's log lines of that container, the last five at most
        assertThat(logs.lines().toList()).isNotEmpty().hasSizeLessThanOrEqualTo(5)
                .allMatch(line -> line.endsWith("(simulated)"));
        as(TestTokens.viewer()).get("/api/v1/deployments/apps/live/logs?pod=nope").then().statusCode(404);

        try (EventProbe probe = EventProbe.on(Topics.DEPLOYMENTS)) {
            as(TestTokens.operator()).post("/api/v1/deployments/apps/live/rollback").then().statusCode(200)
                    .body("image", equalTo(WEB_0_9));
            ReceivedEvent rolledBack = probe.await(EventTypes.DEPLOYMENT_ROLLED_BACK,
                    e -> "apps/live".equals(e.key()));
            assertThat(rolledBack.data().deployment().revision()).isEqualTo(1L);
            assertThat(rolledBack.data().deployment().previousImage()).isEqualTo(CRASHING);
            assertThat(EventSchemas.validate(rolledBack.value())).isEmpty();
        }
        assertThat(kube.apps().deployments().inNamespace("apps").withName("live").get().getSpec().getTemplate()
                .getMetadata().getLabels()).doesNotContainKey("pod-template-hash");
        as(TestTokens.operator()).body(Map.of("revision", 7)).post("/api/v1/deployments/apps/live/rollback").then()
                .statusCode(400).body("errors[0].field", equalTo("revision"));
    }

    @Test
    void revisionsAndRollbackWaitUntilTheControllerHasRecordedTheLatestChange() throws Exception {
        as(TestTokens.operator()).body(Map.of("name", "undo", "namespace", "apps", "image", WEB_0_9))
                .post("/api/v1/deployments").then().statusCode(201);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(TestTokens.viewer())
                .get("/api/v1/deployments/apps/undo").then().statusCode(200)
                .body("status.revision", equalTo(1)).body("status.rolloutState", equalTo("complete")));

        // The commands of docs/api/deployment-service.md, faster than the controller: an update, then a rollback.
        java.util.concurrent.CompletableFuture<io.restassured.response.Response> rollback;
        try (AutoCloseable down = cluster.simulated().controllers().down()) {
            as(TestTokens.operator()).body(Map.of("image", "registry.local:5000/team/web:1.1.0"))
                    .put("/api/v1/deployments/apps/undo").then().statusCode(200);
            rollback = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> as(TestTokens.operator()).post("/api/v1/deployments/apps/undo/rollback"));
            // Read before the controller is back, the history had only revision 1: "no previous revision" (422),
            // and the controller, handed revision 1's template, would never have made revision 2.
            await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> true);
            assertThat(rollback).as("the rollback waits for the controller").isNotDone();
        }
        rollback.get(30, java.util.concurrent.TimeUnit.SECONDS).then().statusCode(200)
                .body("image", equalTo(WEB_0_9));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(TestTokens.viewer())
                .get("/api/v1/deployments/apps/undo/revisions").then().statusCode(200)
                .body("revision", contains(2, 3))
                .body("image", contains("registry.local:5000/team/web:1.1.0", WEB_0_9))
                .body("current", contains(false, true)));
    }

    @Test
    void rolloutsSeenOnTheClusterAnnounceReadyOncePerRevisionAndFailures() {
        cluster.namespace("watched");
        try (EventProbe probe = EventProbe.on(Topics.DEPLOYMENTS)) {
            // made with kubectl: no platform labels at all; a short progress deadline, as a user may set
            Deployment plain = TestCluster.plainDeployment("watched", "by-kubectl", "nginx:1.27", 2);
            plain.getSpec().setProgressDeadlineSeconds(3);
            kube.apps().deployments().resource(plain).create();
            ReceivedEvent ready = probe.await(EventTypes.DEPLOYMENT_READY, e -> "watched/by-kubectl".equals(e.key()));
            assertThat(ready.data().deployment().revision()).isEqualTo(1L);
            assertThat(ready.data().deployment().origin()).isEqualTo("cluster");
            assertThat(EventSchemas.validate(ready.value())).isEmpty();

            // a resync-like status write of the same revision announces nothing new
            Deployment current = kube.apps().deployments().inNamespace("watched").withName("by-kubectl").get();
            kube.apps().deployments().resource(current).updateStatus();
            // kubectl set image to an image whose pods never become ready: revision 2 exceeds its deadline
            kube.apps().deployments().inNamespace("watched").withName("by-kubectl").edit(x -> {
                x.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("nginx:1.28-unready");
                return x;
            });
            ReceivedEvent failed = probe.await(EventTypes.DEPLOYMENT_FAILED,
                    e -> "watched/by-kubectl".equals(e.key()), Duration.ofSeconds(60));
            assertThat(failed.data().deployment().reason()).isEqualTo("ProgressDeadlineExceeded");
            assertThat(failed.data().deployment().revision()).isEqualTo(2L);
            assertThat(EventSchemas.validate(failed.value())).isEmpty();
            assertThat(probe.ofType(EventTypes.DEPLOYMENT_READY).stream()
                    .filter(e -> "watched/by-kubectl".equals(e.key()))).hasSize(1);

            // an image that cannot be pulled: its pod waits in ImagePullBackOff
            kube.apps().deployments().resource(TestCluster.plainDeployment("watched", "crashy",
                    "ghcr.io/acme/does-not-exist:1", 1)).create();
            ReceivedEvent pull = probe.await(EventTypes.DEPLOYMENT_FAILED, e -> "watched/crashy".equals(e.key()));
            assertThat(pull.data().deployment().reason()).isIn("ErrImagePull", "ImagePullBackOff");
            assertThat(EventSchemas.validate(pull.value())).isEmpty();
        }
    }

    @Test
    void pluginsAreListedWithTheirStatus() {
        as(TestTokens.viewer()).get("/api/v1/plugins").then().statusCode(200)
                .body("name", hasItem("container"))
                .body("find { it.name == 'container' }.available", equalTo(true))
                .body("find { it.name == 'container' }.operations",
                        contains("update", "scale", "restart", "revisions", "rollback"))
                .body("find { it.name == 'manifest' }.operations", contains("scale", "restart"));
    }

    @Test
    void namesThatCannotExistAre400BeforeAnyKubernetesCallAndUnknownAppsAre404Everywhere() {
        for (String bad : new String[] {"%F0%9F%98%80", "two%20words", "%E2%80%8Fweb", "Web", "a%00b"}) {
            as(TestTokens.viewer()).urlEncodingEnabled(false).get("/api/v1/deployments/apps/" + bad)
                    .then().statusCode(400).contentType("application/problem+json")
                    .header("Retry-After", (String) null)
                    .body("errors[0].field", equalTo("name"));
            as(TestTokens.operator()).urlEncodingEnabled(false).body(Map.of("replicas", 1))
                    .post("/api/v1/deployments/apps/" + bad + "/scale")
                    .then().statusCode(400).body("errors[0].field", equalTo("name"));
        }
        as(TestTokens.viewer()).urlEncodingEnabled(false).get("/api/v1/deployments/Apps%20x/web/history")
                .then().statusCode(400).body("errors[0].field", equalTo("namespace"));
        // Unknown app: its history is as unknown as the app itself.
        as(TestTokens.viewer()).get("/api/v1/deployments/apps/never-deployed").then().statusCode(404);
        as(TestTokens.viewer()).get("/api/v1/deployments/apps/never-deployed/history").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void invalidListFiltersAre400NamingThem() {
        as(TestTokens.viewer()).queryParam("plugin", "no-such-plugin").get("/api/v1/deployments")
                .then().statusCode(400).body("errors[0].field", equalTo("plugin"));
        as(TestTokens.viewer()).queryParam("namespace", "Not A Namespace").get("/api/v1/deployments")
                .then().statusCode(400).body("errors[0].field", equalTo("namespace"));
        as(TestTokens.viewer()).queryParam("pod", "Bad Pod").get("/api/v1/deployments/apps/web/logs")
                .then().statusCode(400).body("errors[0].field", equalTo("pod"));
    }

    @Test
    void followingLogsIsRefusedWithAProblemBeforeTheStreamStarts() {
        for (String[] call : new String[][] {
                {"/api/v1/deployments/apps/never-deployed/logs/stream", "404", null},
                {"/api/v1/deployments/kube-system/coredns/logs/stream", "400", "namespace"},
                {"/api/v1/deployments/apps/quiet/logs/stream?pod=Bad%20Pod", "400", "pod"}}) {
            var answer = as(TestTokens.viewer()).accept("text/event-stream").urlEncodingEnabled(false)
                    .get(call[0]).then().statusCode(Integer.parseInt(call[1]))
                    .contentType("application/problem+json");
            if (call[2] != null) {
                answer.body("errors[0].field", equalTo(call[2]));
            }
        }
        // no replicas yet: no pods to follow
        as(TestTokens.operator()).body(Map.of("name", "quiet", "namespace", "apps", "image", WEB_0_9, "replicas", 0))
                .post("/api/v1/deployments").then().statusCode(201);
        as(TestTokens.viewer()).accept("text/event-stream").get("/api/v1/deployments/apps/quiet/logs/stream")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("has no pods"));
        as(TestTokens.operator()).body(Map.of("replicas", 1)).post("/api/v1/deployments/apps/quiet/scale").then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(TestTokens.viewer())
                .get("/api/v1/deployments/apps/quiet").then().body("pods", hasSize(1)));
        as(TestTokens.viewer()).accept("text/event-stream")
                .get("/api/v1/deployments/apps/quiet/logs/stream?pod=quiet-zzz99").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("quiet-zzz99"));
    }
}
