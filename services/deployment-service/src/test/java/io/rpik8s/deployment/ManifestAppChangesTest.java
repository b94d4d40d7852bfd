package io.rpik8s.deployment;

import static io.rpik8s.deployment.DeploymentApiTest.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.rpik8s.deployment.crd.PlatformApp;
import io.rpik8s.deployment.crd.PlatformAppSpec;
import io.rpik8s.model.plugin.AppLabels;
import io.rpik8s.testsupport.PlatformTestResource;
import io.rpik8s.testsupport.TestTokens;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A manifest app is listed as it is now, not as the documents it was first deployed with: listing reads each version
 * of its inventory once and keeps it, so a replaced or re-created inventory must show, and a deleted one go.
 */
@QuarkusTest
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(PlatformTestResource.class)
class ManifestAppChangesTest {

    static final String NOTES_DB = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: notes-db
            spec:
              replicas: 1
              serviceName: notes-db
              selector:
                matchLabels: {app: notes-db}
              template:
                metadata:
                  labels: {app: notes-db}
                spec:
                  containers:
                    - name: db
                      image: postgres:16
            """;

    static final String NOTES_WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: notes-web
            spec:
              replicas: 2
              selector:
                matchLabels: {app: notes-web}
              template:
                metadata:
                  labels: {app: notes-web}
                spec:
                  containers:
                    - name: web
                      image: ghcr.io/acme/notes:2
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
    void aManifestAppDeployedAgainWithOtherDocumentsIsListedWithThemAndGoesWhenDeleted() {
        PlatformApp app = new PlatformApp();
        app.setMetadata(new ObjectMetaBuilder().withName("notes").withNamespace("apps").build());
        PlatformAppSpec spec = new PlatformAppSpec();
        spec.setPlugin("manifest");
        spec.setConfig(Map.of("manifests", NOTES_DB));
        app.setSpec(spec);
        kube.resources(PlatformApp.class).resource(app).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> listed("notes")
                .body("items.name", contains("notes")).body("items[0].plugin", equalTo("manifest"))
                .body("items[0].image", equalTo("postgres:16")).body("items[0].desired", equalTo(1)));

        // its inventory is replaced: a Deployment joins the database, and leads the app now
        kube.resources(PlatformApp.class).inNamespace("apps").withName("notes").edit(p -> {
            p.getSpec().setConfig(Map.of("manifests", NOTES_WEB + "---\n" + NOTES_DB));
            return p;
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> listed("notes")
                .body("items.name", contains("notes")).body("items[0].image", equalTo("ghcr.io/acme/notes:2"))
                .body("items[0].desired", equalTo(2)).body("items[0].kind", equalTo("Deployment")));

        kube.resources(PlatformApp.class).inNamespace("apps").withName("notes").delete();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> listed("notes").body("items", empty()));
    }

    @Test
    void aManifestAppDeletedAndDeployedAnewUnderItsNameIsListedWithItsNewDocuments() {
        as(TestTokens.operator()).body(Map.of("name", "journal", "namespace", "apps", "plugin", "manifest",
                "config", Map.of("manifests", NOTES_WEB.replace("notes", "journal"))))
                .post("/api/v1/deployments").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> listed("journal")
                .body("items.name", contains("journal")).body("items[0].image", equalTo("ghcr.io/acme/journal:2"))
                .body("items[0].desired", equalTo(2)));

        as(TestTokens.operator()).delete("/api/v1/deployments/apps/journal").then().statusCode(204);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> listed("journal").body("items", empty()));

        // the same name, other documents: a new inventory ConfigMap
        as(TestTokens.operator()).body(Map.of("name", "journal", "namespace", "apps", "plugin", "manifest",
                "config", Map.of("manifests", NOTES_DB.replace("notes", "journal"))))
                .post("/api/v1/deployments").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> listed("journal")
                .body("items.name", contains("journal")).body("items[0].image", equalTo("postgres:16"))
                .body("items[0].desired", equalTo(1)).body("items[0].kind", equalTo("StatefulSet")));

        as(TestTokens.operator()).delete("/api/v1/deployments/apps/journal").then().statusCode(204);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> listed("journal").body("items", empty()));
    }

    /** The list of apps as a viewer asks for it, narrowed to one app by its label. */
    private static ValidatableResponse listed(String app) {
        return as(TestTokens.viewer()).queryParam("namespace", "apps")
                .queryParam("labelSelector", AppLabels.APP + "=" + app).get("/api/v1/deployments").then()
                .statusCode(200);
    }
}
