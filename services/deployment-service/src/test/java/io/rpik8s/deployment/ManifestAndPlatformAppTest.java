package io.rpik8s.deployment;

import static io.rpik8s.deployment.DeploymentApiTest.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
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
@WithKubernetesTestServer(crud = true)
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

    @KubernetesTestServer
    KubernetesServer server;

    KubernetesClient kube;

    @BeforeEach
    void namespaces() {
        kube = server.getClient();
        Simulation.namespace(kube, "apps");
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

    @Test
    void platformAppIsReconciledIntoADeploymentWithStatusAndCleanedUpByItsFinalizer() {
        try (EventProbe probe = EventProbe.on(Topics.DEPLOYMENTS)) {
            PlatformApp app = new PlatformApp();
            app.setMetadata(new ObjectMetaBuilder().withName("from-cr").withNamespace("apps").build());
            PlatformAppSpec spec = new PlatformAppSpec();
            spec.setImage("ghcr.io/acme/cr:1");
            spec.setReplicas(2);
            spec.setServicePort(8080);
            app.setSpec(spec);
            kube.resources(PlatformApp.class).resource(app).create();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    kube.apps().deployments().inNamespace("apps").withName("from-cr").get()).isNotNull());
            assertThat(kube.services().inNamespace("apps").withName("from-cr").get()).isNotNull();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                PlatformApp current = kube.resources(PlatformApp.class).inNamespace("apps").withName("from-cr").get();
                assertThat(current.getMetadata().getFinalizers()).isNotEmpty();
                assertThat(current.getStatus().getObservedGeneration()).isEqualTo(current.getMetadata().getGeneration());
                assertThat(condition(current, "Ready").getStatus()).isEqualTo("False");
                assertThat(condition(current, "ValidationError").getStatus()).isEqualTo("False");
            });
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

            kube.resources(PlatformApp.class).inNamespace("apps").withName("from-cr").delete();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(kube.apps().deployments().inNamespace("apps").withName("from-cr").get()).isNull();
                assertThat(kube.resources(PlatformApp.class).inNamespace("apps").withName("from-cr").get()).isNull();
            });
            probe.await(EventTypes.DEPLOYMENT_DELETED, e -> "apps/from-cr".equals(e.key()));
        }
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
