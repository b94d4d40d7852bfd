package io.rpik8s.storage;

import static io.rpik8s.storage.BucketApiTest.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.response.ValidatableResponse;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.testsupport.PlatformTestResource;
import io.rpik8s.testsupport.ReceivedEvent;
import io.rpik8s.testsupport.TestTokens;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PlatformTestResource.class)
@WithTestResource(StorageTestResource.class)
class VolumeApiTest {

    @KubernetesTestServer
    KubernetesServer server;

    @BeforeAll
    static void listen() {
        Events.probe();
    }

    @BeforeEach
    void storageClasses() {
        KubernetesClient k = server.getClient();
        k.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata()
                .withName("local-path").addToAnnotations("storageclass.kubernetes.io/is-default-class", "true")
                .endMetadata().withProvisioner("rancher.io/local-path").withAllowVolumeExpansion(false)
                .withReclaimPolicy("Delete").withVolumeBindingMode("WaitForFirstConsumer").build()).createOr(r -> r.update());
        k.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata().withName("longhorn")
                .endMetadata().withProvisioner("driver.longhorn.io").withAllowVolumeExpansion(true)
                .withReclaimPolicy("Retain").build()).createOr(r -> r.update());
    }

    @Test
    void storageClassesSayWhetherTheyExpand() {
        as(TestTokens.viewer()).get("/api/v1/storage/classes").then().statusCode(200)
                .body("find { it.name == 'longhorn' }.allowVolumeExpansion", equalTo(true))
                .body("find { it.name == 'local-path' }.allowVolumeExpansion", equalTo(false))
                .body("find { it.name == 'local-path' }.isDefault", equalTo(true))
                .body("find { it.name == 'longhorn' }.provisioner", equalTo("driver.longhorn.io"));
    }

    @Test
    void createListWithPodsAndUsageThenExpandOnlyWhereAllowed() {
        FakePrometheus.shared().usage("apps", "mlflow-data", 300L << 20, 1L << 30);
        create("mlflow-data", "apps", "1Gi", "longhorn").statusCode(201).body("requested", equalTo("1Gi"))
                .body("storageClass", equalTo("longhorn"));
        Events.awaitValid(EventTypes.VOLUME_CREATED, e -> "mlflow-data".equals(e.data().volume().name()));
        create("mlflow-data", "apps", "1Gi", "longhorn").statusCode(409);
        podUsing("apps", "mlflow-0", "mlflow-data");

        as(TestTokens.viewer()).queryParam("namespace", "apps").get("/api/v1/storage/volumes").then()
                .statusCode(200)
                .body("items.find { it.name == 'mlflow-data' }.pods", equalTo(List.of("mlflow-0")))
                .body("items.find { it.name == 'mlflow-data' }.usedBytes", equalTo(300 << 20))
                .body("items.find { it.name == 'mlflow-data' }.usagePercent", equalTo(29.3f));

        as(TestTokens.viewer()).get("/api/v1/storage/volumes/apps/mlflow-data").then().statusCode(200)
                .body("name", equalTo("mlflow-data")).body("namespace", equalTo("apps"))
                .body("storageClass", equalTo("longhorn")).body("requested", equalTo("1Gi"))
                .body("capacity", equalTo("1Gi")).body("accessModes", equalTo(List.of("ReadWriteOnce")))
                .body("pods", equalTo(List.of("mlflow-0"))).body("usedBytes", equalTo(300 << 20))
                .body("capacityBytes", equalTo(1 << 30)).body("usagePercent", equalTo(29.3f));
        as(TestTokens.viewer()).get("/api/v1/storage/volumes/apps/no-such-volume").then().statusCode(404);

        as(TestTokens.operator()).body(Map.of("capacity", "512Mi"))
                .post("/api/v1/storage/volumes/apps/mlflow-data/expand").then().statusCode(400)
                .body("errors.field", hasItem("capacity"));
        as(TestTokens.operator()).body(Map.of("capacity", "2Gi"))
                .post("/api/v1/storage/volumes/apps/mlflow-data/expand").then().statusCode(200)
                .body("requested", equalTo("2Gi"));
        ReceivedEvent expanded = Events.awaitValid(EventTypes.VOLUME_EXPANDED,
                e -> "mlflow-data".equals(e.data().volume().name()));
        assertThat(expanded.data().volume().previousCapacity()).isEqualTo("1Gi");
        assertThat(expanded.key()).isEqualTo("apps/mlflow-data");

        create("scratch", "apps", "1Gi", "local-path").statusCode(201);
        as(TestTokens.operator()).body(Map.of("capacity", "2Gi"))
                .post("/api/v1/storage/volumes/apps/scratch/expand").then().statusCode(422)
                .body("detail", containsString("does not allow volume expansion"));
    }

    @Test
    void badInputIs400AndUnmanagedNamespacesAreNotTouched() {
        create("Bad_Name", "apps", "1Gi", null).statusCode(400).body("errors.field", hasItem("name"));
        create("ok", "apps", "lots", null).statusCode(400).body("errors.field", hasItem("capacity"));
        create("ok", "apps", "1Gi", "no-such-class").statusCode(400).body("errors.field", hasItem("storageClass"));
        create("ok", "kube-system", "1Gi", null).statusCode(400).body("errors[0].field", equalTo("namespace"))
                .body("errors[0].reason", containsString("not managed"));
        as(TestTokens.viewer()).body(Map.of("name", "v", "namespace", "apps", "capacity", "1Gi"))
                .post("/api/v1/storage/volumes").then().statusCode(403);
    }

    @Test
    void volumeInUseIsDeletedOnlyWhenForced() {
        create("notebook-home", "ml", "1Gi", null).statusCode(201);
        podUsing("ml", "jupyter-0", "notebook-home");
        as(TestTokens.operator()).delete("/api/v1/storage/volumes/ml/notebook-home").then().statusCode(409)
                .body("detail", containsString("jupyter-0"));
        as(TestTokens.operator()).queryParam("force", true).delete("/api/v1/storage/volumes/ml/notebook-home")
                .then().statusCode(204);
        Events.awaitValid(EventTypes.VOLUME_DELETED, e -> "notebook-home".equals(e.data().volume().name()));
        assertThat(server.getClient().persistentVolumeClaims().inNamespace("ml").withName("notebook-home").get())
                .isNull();

        create("unused", "ml", "1Gi", null).statusCode(201);
        as(TestTokens.operator()).delete("/api/v1/storage/volumes/ml/unused").then().statusCode(204);
        as(TestTokens.viewer()).get("/api/v1/storage/volumes/ml/unused").then().statusCode(404);
    }

    @Test
    void nearlyFullIsEmittedOncePerCrossing() {
        FakePrometheus prometheus = FakePrometheus.shared();
        prometheus.usage("ml", "datasets", 90, 100);
        ReceivedEvent first = Events.awaitValid(EventTypes.VOLUME_NEARLY_FULL,
                e -> "datasets".equals(e.data().volume().name()));
        assertThat(first.data().volume().usagePercent()).isEqualTo(90.0);
        // Still above the threshold over several checks (every second): no second event.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> nearlyFull("datasets") == 1);

        prometheus.usage("ml", "datasets", 40, 100);
        await().atMost(Duration.ofSeconds(10)).until(() -> !rowAbove("datasets"));
        prometheus.usage("ml", "datasets", 95, 100);
        await().atMost(Duration.ofSeconds(20)).until(() -> nearlyFull("datasets") == 2);
        Events.probe().ofType(EventTypes.VOLUME_NEARLY_FULL).forEach(e -> assertThat(
                io.rpik8s.model.events.EventSchemas.validate(e.value())).isEmpty());

        prometheus.usage("kube-system", "etcd", 99, 100);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> nearlyFull("etcd") == 0);
    }

    private static long nearlyFull(String volume) {
        return Events.probe().ofType(EventTypes.VOLUME_NEARLY_FULL).stream()
                .filter(e -> volume.equals(e.data().volume().name())).count();
    }

    private static boolean rowAbove(String volume) {
        io.rpik8s.dev.embedded.EmbeddedPostgres pg = io.rpik8s.dev.embedded.EmbeddedPostgres.shared();
        String url = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.datasource.jdbc.url", String.class);
        try (var c = java.sql.DriverManager.getConnection(url, pg.username(), pg.password());
                var s = c.prepareStatement("SELECT 1 FROM storage.volume_nearly_full WHERE name = ?")) {
            s.setString(1, volume);
            return s.executeQuery().next();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void podUsing(String namespace, String pod, String claim) {
        server.getClient().pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName(pod)
                .endMetadata().withNewSpec().addNewContainer().withName("main").withImage("busybox").endContainer()
                .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName(claim)
                .endPersistentVolumeClaim().endVolume().endSpec().build()).create();
    }

    private static ValidatableResponse create(String name, String namespace, String capacity, String storageClass) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "namespace", namespace, "capacity", capacity));
        if (storageClass != null) {
            body.put("storageClass", storageClass);
        }
        return as(TestTokens.operator()).body(body).post("/api/v1/storage/volumes").then();
    }
}
