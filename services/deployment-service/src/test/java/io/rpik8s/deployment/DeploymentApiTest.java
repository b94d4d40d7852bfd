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
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
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

@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PlatformTestResource.class)
@Order(1)
class DeploymentApiTest {

    @KubernetesTestServer
    KubernetesServer server;

    KubernetesClient kube;

    @BeforeEach
    void namespaces() {
        kube = server.getClient();
        Simulation.namespace(kube, "apps");
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
        as(TestTokens.operator()).body(app("live")).post("/api/v1/deployments").then().statusCode(201);
        Deployment d = kube.apps().deployments().inNamespace("apps").withName("live").get();
        Simulation.replicaSet(kube, d, 1, "registry.local:5000/team/web:0.9.0");
        Simulation.replicaSet(kube, d, 2, "registry.local:5000/team/web:1.0.0");
        Simulation.pod(kube, d, "live-abc12", "node-pi-1", true, 0, null);
        Simulation.pod(kube, d, "live-def34", "node-pi-2", false, 3, "CrashLoopBackOff");
        Simulation.status(kube, d, 2, 1, 2);
        Simulation.event(kube, "apps", "Deployment", "live", "ScalingReplicaSet", "Scaled up replica set");
        Simulation.event(kube, "apps", "Pod", "live-def34", "BackOff", "Back-off restarting failed container");
        Simulation.event(kube, "apps", "Pod", "someone-else", "Pulled", "not ours");

        // what the simulated controllers wrote reaches the service's cluster cache a moment later, as on a cluster
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(TestTokens.viewer())
                .get("/api/v1/deployments/apps/live").then().statusCode(200)
                .body("status.desired", equalTo(2)).body("status.ready", equalTo(1))
                .body("status.updated", equalTo(2)).body("status.revision", equalTo(2))
                .body("status.rolloutState", equalTo("failed"))
                .body("status.message", containsString("CrashLoopBackOff"))
                .body("pods", hasSize(2))
                .body("pods.find { it.name == 'live-def34' }.restarts", equalTo(3))
                .body("pods.find { it.name == 'live-def34' }.node", equalTo("node-pi-2"))
                .body("pods.find { it.name == 'live-abc12' }.phase", equalTo("Running")));

        as(TestTokens.viewer()).get("/api/v1/deployments/apps/live/revisions").then().statusCode(200)
                .body("revision", contains(1, 2))
                .body("image", contains("registry.local:5000/team/web:0.9.0", "registry.local:5000/team/web:1.0.0"))
                .body("current", contains(false, true));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(TestTokens.viewer())
                .get("/api/v1/deployments/apps/live/events").then().statusCode(200)
                .body("reason", org.hamcrest.Matchers.containsInAnyOrder("ScalingReplicaSet", "BackOff")));

        server.expect().get().withPath("/api/v1/namespaces/apps/pods/live-abc12/log?pretty=false&tailLines=5")
                .andReturn(200, "line one\nline two\n").always();
        given().header("Authorization", TestTokens.bearer(TestTokens.viewer()))
                .get("/api/v1/deployments/apps/live/logs?pod=live-abc12&tail=5").then().statusCode(200)
                .body(equalTo("line one\nline two\n"));
        as(TestTokens.viewer()).get("/api/v1/deployments/apps/live/logs?pod=nope").then().statusCode(404);

        try (EventProbe probe = EventProbe.on(Topics.DEPLOYMENTS)) {
            as(TestTokens.operator()).post("/api/v1/deployments/apps/live/rollback").then().statusCode(200)
                    .body("image", equalTo("registry.local:5000/team/web:0.9.0"));
            ReceivedEvent rolledBack = probe.await(EventTypes.DEPLOYMENT_ROLLED_BACK,
                    e -> "apps/live".equals(e.key()));
            assertThat(rolledBack.data().deployment().revision()).isEqualTo(1L);
            assertThat(rolledBack.data().deployment().previousImage()).isEqualTo("registry.local:5000/team/web:1.0.0");
            assertThat(EventSchemas.validate(rolledBack.value())).isEmpty();
        }
        assertThat(kube.apps().deployments().inNamespace("apps").withName("live").get().getSpec().getTemplate()
                .getMetadata().getLabels()).doesNotContainKey("pod-template-hash");
        as(TestTokens.operator()).body(Map.of("revision", 7)).post("/api/v1/deployments/apps/live/rollback").then()
                .statusCode(400).body("errors[0].field", equalTo("revision"));
    }

    @Test
    void rolloutsSeenOnTheClusterAnnounceReadyOncePerRevisionAndFailures() {
        Simulation.namespace(kube, "watched");
        try (EventProbe probe = EventProbe.on(Topics.DEPLOYMENTS)) {
            // made with kubectl: no platform labels at all
            Deployment d = kube.apps().deployments().resource(Simulation.plainDeployment("watched", "by-kubectl",
                    "nginx:1.27", 2)).create();
            Simulation.revision(kube, d, 1);
            d = Simulation.status(kube, kube.apps().deployments().inNamespace("watched").withName("by-kubectl").get(),
                    2, 2, 2);
            ReceivedEvent ready = probe.await(EventTypes.DEPLOYMENT_READY, e -> "watched/by-kubectl".equals(e.key()));
            assertThat(ready.data().deployment().revision()).isEqualTo(1L);
            assertThat(ready.data().deployment().origin()).isEqualTo("cluster");
            assertThat(EventSchemas.validate(ready.value())).isEmpty();

            // a resync-like status write of the same revision announces nothing new
            Simulation.status(kube, d, 2, 2, 2);
            // kubectl set image: a new generation, then the controller's revision 2 that never becomes ready
            kube.apps().deployments().inNamespace("watched").withName("by-kubectl").edit(x -> {
                x.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("nginx:1.28");
                return x;
            });
            Simulation.revision(kube, kube.apps().deployments().inNamespace("watched").withName("by-kubectl").get(), 2);
            d = kube.apps().deployments().inNamespace("watched").withName("by-kubectl").get();
            d = Simulation.deadlineExceeded(kube, d);
            ReceivedEvent failed = probe.await(EventTypes.DEPLOYMENT_FAILED,
                    e -> "watched/by-kubectl".equals(e.key()));
            assertThat(failed.data().deployment().reason()).isEqualTo("ProgressDeadlineExceeded");
            assertThat(failed.data().deployment().revision()).isEqualTo(2L);
            assertThat(EventSchemas.validate(failed.value())).isEmpty();
            assertThat(probe.ofType(EventTypes.DEPLOYMENT_READY).stream()
                    .filter(e -> "watched/by-kubectl".equals(e.key()))).hasSize(1);

            Deployment crashing = kube.apps().deployments().resource(Simulation.plainDeployment("watched", "crashy",
                    "ghcr.io/acme/crashy:1", 1)).create();
            Simulation.pod(kube, crashing, "crashy-1", "node-pi-3", false, 5, "ImagePullBackOff");
            ReceivedEvent pull = probe.await(EventTypes.DEPLOYMENT_FAILED, e -> "watched/crashy".equals(e.key()));
            assertThat(pull.data().deployment().reason()).isEqualTo("ImagePullBackOff");
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
        as(TestTokens.operator()).body(app("quiet")).post("/api/v1/deployments").then().statusCode(201);
        as(TestTokens.viewer()).accept("text/event-stream").get("/api/v1/deployments/apps/quiet/logs/stream")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("has no pods"));
        Simulation.pod(kube, kube.apps().deployments().inNamespace("apps").withName("quiet").get(), "quiet-abc12",
                "node-pi-1", true, 0, null);
        as(TestTokens.viewer()).accept("text/event-stream")
                .get("/api/v1/deployments/apps/quiet/logs/stream?pod=quiet-zzz99").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("quiet-zzz99"));
    }
}
