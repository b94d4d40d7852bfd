package io.rpik8s.deployment;

import static io.rpik8s.deployment.DeploymentApiTest.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rpik8s.deployment.crd.PlatformApp;
import io.rpik8s.deployment.crd.PlatformAppSpec;
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
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(PlatformTestResource.class)
@Order(2)
class ManifestAndPlatformAppTest {

    static final String MANIFESTS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: bundle
            spec:
              replicas: 2
              selector:
                matchLabels: {app: bundle}
              template:
                metadata:
                  labels: {app: bundle}
                spec:
                  containers:
                    - name: bundle
                      image: ghcr.io/acme/bundle:3.1
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: bundle-settings
            data:
              mode: fast
            """;

    @SimulatedClusterResource.Inject
    TestCluster cluster;

    KubernetesClient kube;

    @BeforeEach
    void namespaces() {
        kube = cluster.kube();
        cluster.namespace("apps");
    }

    @Test
    void manifestPluginAppliesTracksAndDeletesTheDocumentsAsOneApp() {
        try (EventProbe probe = EventProbe.on(Topics.DEPLOYMENTS)) {
            as(TestTokens.operator()).body(Map.of("name", "bundle", "namespace", "apps", "plugin", "manifest",
                    "config", Map.of("manifests", MANIFESTS))).post("/api/v1/deployments").then().statusCode(201);
            var cm = kube.configMaps().inNamespace("apps").withName("bundle-settings").get();
            assertThat(cm.getMetadata().getLabels()).containsEntry("rpi-k8s.io/app", "bundle")
                    .containsEntry("rpi-k8s.io/plugin", "manifest");
            assertThat(kube.apps().deployments().inNamespace("apps").withName("bundle").get().getMetadata()
                    .getLabels()).containsEntry("rpi-k8s.io/plugin", "manifest");
            ReceivedEvent created = probe.await(EventTypes.DEPLOYMENT_CREATED, e -> "apps/bundle".equals(e.key()));
            assertThat(created.data().deployment().plugin()).isEqualTo("manifest");
            assertThat(created.data().deployment().image()).isEqualTo("ghcr.io/acme/bundle:3.1");
            assertThat(created.data().deployment().replicas()).isEqualTo(2);
            assertThat(EventSchemas.validate(created.value())).isEmpty();

            as(TestTokens.viewer()).get("/api/v1/deployments?plugin=manifest").then().statusCode(200)
                    .body("items.name", hasItem("bundle"));
            as(TestTokens.operator()).delete("/api/v1/deployments/apps/bundle").then().statusCode(204);
            assertThat(kube.configMaps().inNamespace("apps").withName("bundle-settings").get()).isNull();
            assertThat(kube.apps().deployments().inNamespace("apps").withName("bundle").get()).isNull();
            probe.await(EventTypes.DEPLOYMENT_DELETED, e -> "apps/bundle".equals(e.key()));
        }
        as(TestTokens.operator()).body(Map.of("name", "broken", "namespace", "apps", "plugin", "manifest",
                        "config", Map.of("manifests", "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n")))
                .post("/api/v1/deployments").then().statusCode(400)
                .body("errors.field", hasItem("config.manifests[0].metadata.name"));
        as(TestTokens.operator()).body(Map.of("name", "broken", "namespace", "apps", "plugin", "manifest",
                        "config", Map.of("manifests", "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n")))
                .post("/api/v1/deployments").then().statusCode(400)
                .body("errors.field", hasItem("config.manifests[0].kind"));
    }

    static final String SHOP = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: shop-frontend
            spec:
              replicas: 1
              selector:
                matchLabels: {app: shop-frontend}
              template:
                metadata:
                  labels: {app: shop-frontend}
                spec:
                  containers:
                    - name: web
                      image: ghcr.io/acme/shop-web:2.0
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: shop-db
            spec:
              replicas: 1
              serviceName: shop-db
              selector:
                matchLabels: {app: shop-db}
              template:
                metadata:
                  labels: {app: shop-db}
                spec:
                  containers:
                    - name: db
                      image: postgres:16
            """;

    @Test
    void manifestAppsAreScaledRestartedAndListedThroughTheirPluginWhateverTheirObjectsAreCalled() {
        try (EventProbe probe = EventProbe.on(Topics.DEPLOYMENTS)) {
            as(TestTokens.operator()).body(Map.of("name", "shop", "namespace", "apps", "plugin", "manifest",
                    "labels", Map.of("team", "web"), "config", Map.of("manifests", SHOP)))
                    .post("/api/v1/deployments").then().statusCode(201).body("name", equalTo("shop"));

            as(TestTokens.operator()).body(Map.of("replicas", 3)).post("/api/v1/deployments/apps/shop/scale").then()
                    .statusCode(200).body("name", equalTo("shop")).body("plugin", equalTo("manifest"))
                    .body("spec.replicas", equalTo(3));
            assertThat(kube.apps().deployments().inNamespace("apps").withName("shop-frontend").get().getSpec()
                    .getReplicas()).isEqualTo(3);
            assertThat(kube.apps().statefulSets().inNamespace("apps").withName("shop-db").get().getSpec()
                    .getReplicas()).isEqualTo(3);
            ReceivedEvent scaled = probe.await(EventTypes.DEPLOYMENT_SCALED, e -> "apps/shop".equals(e.key()));
            assertThat(scaled.data().deployment().plugin()).isEqualTo("manifest");
            assertThat(scaled.data().deployment().replicas()).isEqualTo(3);
            assertThat(scaled.data().deployment().previousReplicas()).isEqualTo(1);
            assertThat(EventSchemas.validate(scaled.value())).isEmpty();

            as(TestTokens.operator()).post("/api/v1/deployments/apps/shop/restart").then().statusCode(200);
            assertThat(kube.apps().deployments().inNamespace("apps").withName("shop-frontend").get().getSpec()
                    .getTemplate().getMetadata().getAnnotations()).containsKey("kubectl.kubernetes.io/restartedAt");
            assertThat(kube.apps().statefulSets().inNamespace("apps").withName("shop-db").get().getSpec()
                    .getTemplate().getMetadata().getAnnotations()).containsKey("kubectl.kubernetes.io/restartedAt");
            ReceivedEvent restarted = probe.await(EventTypes.DEPLOYMENT_RESTARTED, e -> "apps/shop".equals(e.key()));
            assertThat(EventSchemas.validate(restarted.value())).isEmpty();

            // what the plugin does not offer is a 422 naming it, and changes nothing
            as(TestTokens.operator()).post("/api/v1/deployments/apps/shop/rollback").then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("detail", equalTo("The manifest plugin does not support rollback"));
            as(TestTokens.operator()).body(Map.of("image", "ghcr.io/acme/shop-web:3.0"))
                    .put("/api/v1/deployments/apps/shop").then().statusCode(422)
                    .body("detail", equalTo("The manifest plugin does not support update"));
            as(TestTokens.viewer()).get("/api/v1/deployments/apps/shop/revisions").then().statusCode(422)
                    .body("detail", containsString("manifest"));
            assertThat(kube.apps().deployments().inNamespace("apps").withName("shop-frontend").get().getSpec()
                    .getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("ghcr.io/acme/shop-web:2.0");

            as(TestTokens.viewer()).get("/api/v1/deployments?namespace=apps&labelSelector=team=web").then()
                    .statusCode(200).body("items.name", contains("shop"))
                    .body("items[0].plugin", equalTo("manifest")).body("items[0].desired", equalTo(3));
            as(TestTokens.viewer()).get("/api/v1/deployments/apps/shop/history").then().statusCode(200)
                    .body("items.action", contains("restart", "scale", "create"));
            as(TestTokens.operator()).delete("/api/v1/deployments/apps/shop").then().statusCode(204);
            assertThat(kube.apps().statefulSets().inNamespace("apps").withName("shop-db").get()).isNull();
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
            assertThat(probe.received().stream().filter(e -> "apps/shop".equals(e.key())
                    && !e.type().equals(EventTypes.DEPLOYMENT_READY)).map(ReceivedEvent::type))
                    .as("no event for a refused change")
                    .containsExactly(EventTypes.DEPLOYMENT_CREATED, EventTypes.DEPLOYMENT_SCALED,
                            EventTypes.DEPLOYMENT_RESTARTED, EventTypes.DEPLOYMENT_DELETED);
        }
    }

    @Test
    void aManifestAppWithoutWorkloadsIsListedShownAndRefusesScaling() {
        as(TestTokens.operator()).body(Map.of("name", "settings-only", "namespace", "apps", "plugin", "manifest",
                "config", Map.of("manifests", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: flags}\n"
                        + "data: {beta: \"on\"}\n"))).post("/api/v1/deployments").then().statusCode(201);
        as(TestTokens.viewer()).get("/api/v1/deployments?plugin=manifest").then().statusCode(200)
                .body("items.name", hasItem("settings-only"))
                .body("items.find { it.name == 'settings-only' }.rolloutState", equalTo("complete"));
        as(TestTokens.viewer()).get("/api/v1/deployments/apps/settings-only").then().statusCode(200)
                .body("plugin", equalTo("manifest")).body("status.rolloutState", equalTo("complete"));
        as(TestTokens.operator()).body(Map.of("replicas", 2)).post("/api/v1/deployments/apps/settings-only/scale")
                .then().statusCode(422).body("detail", containsString("no Deployment or StatefulSet"));
        as(TestTokens.viewer()).get("/api/v1/deployments?plugin=container").then().statusCode(200)
                .body("items.name", not(hasItem("settings-only")));
        as(TestTokens.operator()).delete("/api/v1/deployments/apps/settings-only").then().statusCode(204);
        as(TestTokens.viewer()).get("/api/v1/deployments/apps/settings-only").then().statusCode(404);
        as(TestTokens.operator()).post("/api/v1/deployments/apps/settings-only/restart").then().statusCode(404);
    }

    @Test
    void platformAppIsReconciledIntoADeploymentWithStatusAndCleanedUpByItsFinalizer() {
        try (EventProbe probe = EventProbe.on(Topics.DEPLOYMENTS)) {
            PlatformApp app = new PlatformApp();
            app.setMetadata(new ObjectMetaBuilder().withName("from-cr").withNamespace("apps").build());
            PlatformAppSpec spec = new PlatformAppSpec();
            // pods of this image run but never become ready (pod-lifecycle.yaml): the app stays not Ready
            spec.setImage("ghcr.io/acme/cr:1-unready");
            spec.setReplicas(2);
            spec.setServicePort(8080);
            app.setSpec(spec);
            kube.resources(PlatformApp.class).resource(app).create();

            // the plugin creates the Deployment, then the Service: wait for both
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(kube.apps().deployments().inNamespace("apps").withName("from-cr").get()).isNotNull();
                assertThat(kube.services().inNamespace("apps").withName("from-cr").get()).isNotNull();
            });
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                PlatformApp current = kube.resources(PlatformApp.class).inNamespace("apps").withName("from-cr").get();
                assertThat(current.getMetadata().getFinalizers()).isNotEmpty();
                // the Deployment exists before the reconciler's status patch lands: wait for it, not an NPE
                assertThat(current.getStatus()).isNotNull();
                assertThat(current.getStatus().getObservedGeneration()).isEqualTo(current.getMetadata().getGeneration());
                assertThat(condition(current, "Ready").getStatus()).isEqualTo("False");
                assertThat(condition(current, "ValidationError").getStatus()).isEqualTo("False");
            });
            // what the control panel shows: the resource with its Ready condition, for a viewer
            as(TestTokens.viewer()).get("/api/v1/platformapps?namespace=apps").then().statusCode(200)
                    .body("find { it.name == 'from-cr' }.namespace", equalTo("apps"))
                    .body("find { it.name == 'from-cr' }.image", equalTo("ghcr.io/acme/cr:1-unready"))
                    .body("find { it.name == 'from-cr' }.replicas", equalTo(2))
                    .body("find { it.name == 'from-cr' }.readyReplicas", equalTo(0))
                    .body("find { it.name == 'from-cr' }.observedGeneration", equalTo(1))
                    .body("find { it.name == 'from-cr' }.ready.status", equalTo("False"))
                    .body("find { it.name == 'from-cr' }.ready.message", containsString("replicas ready"));
            as(TestTokens.viewer()).get("/api/v1/platformapps").then().statusCode(200)
                    .body("name", hasItem("from-cr"));
            as(TestTokens.viewer()).get("/api/v1/platformapps?namespace=kube-system").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("namespace"));
            io.restassured.RestAssured.get("/api/v1/platformapps").then().statusCode(401);
            ReceivedEvent created = probe.await(EventTypes.DEPLOYMENT_CREATED, e -> "apps/from-cr".equals(e.key()));
            assertThat(created.data().deployment().origin()).isEqualTo("platformapp");

            assertThat(EventSchemas.validate(created.value())).isEmpty();

            // generation-aware: a status-only write does not reconcile (no new audit entry, no event)
            PlatformApp reconciled = kube.resources(PlatformApp.class).inNamespace("apps").withName("from-cr").get();
            reconciled.getStatus().getConditions().get(0).setMessage("touched by someone else");
            kube.resources(PlatformApp.class).resource(reconciled).updateStatus();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    as(TestTokens.viewer()).get("/api/v1/deployments/apps/from-cr/history").then().statusCode(200)
                            .body("total", org.hamcrest.Matchers.equalTo(1)));

            kube.resources(PlatformApp.class).inNamespace("apps").withName("from-cr").edit(p -> {
                p.getSpec().setImage("ghcr.io/acme/cr:2");
                return p;
            });
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kube.apps().deployments()
                    .inNamespace("apps").withName("from-cr").get().getSpec().getTemplate().getSpec().getContainers()
                    .get(0).getImage()).isEqualTo("ghcr.io/acme/cr:2"));
            probe.await(EventTypes.DEPLOYMENT_UPDATED, e -> "apps/from-cr".equals(e.key()));
            // the scale subresource's status path: the reconciler reports the ready replicas it sees
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                PlatformApp ready = kube.resources(PlatformApp.class).inNamespace("apps").withName("from-cr").get();
                assertThat(ready.getStatus().getReplicas()).isEqualTo(2);
                assertThat(condition(ready, "Ready").getStatus()).isEqualTo("True");
            });

            kube.resources(PlatformApp.class).inNamespace("apps").withName("from-cr").delete();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(kube.apps().deployments().inNamespace("apps").withName("from-cr").get()).isNull();
                assertThat(kube.resources(PlatformApp.class).inNamespace("apps").withName("from-cr").get()).isNull();
            });
            probe.await(EventTypes.DEPLOYMENT_DELETED, e -> "apps/from-cr".equals(e.key()));
        }
    }

    @Test
    void theGeneratedCrdShowsReadyReplicasImageAgeInThatOrder() {
        // the CRD this build generated, as quarkus-operator-sdk applied it to the (simulated) cluster
        var crd = kube.apiextensions().v1().customResourceDefinitions().withName("platformapps.rpi-k8s.io").get();
        assertThat(crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns())
                .extracting(c -> c.getName()).containsExactly("Ready", "Replicas", "Image", "Age");
        var scale = crd.getSpec().getVersions().get(0).getSubresources().getScale();
        assertThat(scale.getSpecReplicasPath()).isEqualTo(".spec.replicas");
        assertThat(scale.getStatusReplicasPath()).isEqualTo(".status.replicas");
    }

    @Test
    void invalidPlatformAppGetsValidationErrorAndNothingIsCreated() {
        PlatformApp app = new PlatformApp();
        app.setMetadata(new ObjectMetaBuilder().withName("bad-cr").withNamespace("apps").build());
        PlatformAppSpec spec = new PlatformAppSpec();
        spec.setImage("Not An Image");
        spec.setReplicas(500);
        app.setSpec(spec);
        kube.resources(PlatformApp.class).resource(app).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            PlatformApp current = kube.resources(PlatformApp.class).inNamespace("apps").withName("bad-cr").get();
            Condition invalid = condition(current, "ValidationError");
            assertThat(invalid.getStatus()).isEqualTo("True");
            assertThat(invalid.getMessage()).contains("spec.image").contains("spec.replicas");
            assertThat(invalid.getLastTransitionTime()).isNotBlank();
            assertThat(condition(current, "Ready").getStatus()).isEqualTo("False");
        });
        assertThat(kube.apps().deployments().inNamespace("apps").withName("bad-cr").get()).isNull();
    }

    private static Condition condition(PlatformApp app, String type) {
        assertThat(app.getStatus()).isNotNull();
        return app.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst()
                .orElseThrow(() -> new AssertionError("no condition " + type));
    }
}
