package io.rpik8s.examples.myservice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesRegex;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.rpik8s.examples.myservice.backup.Backup;
import io.rpik8s.testsupport.PlatformTestResource;
import io.rpik8s.testsupport.TestTokens;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A Backup made over REST becomes a custom resource, its CronJob and a Ready condition; bad input is a 400. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PlatformTestResource.class)
class BackupApiTest {

    @Inject
    KubernetesClient client;

    @Inject
    RecordedSpans spans;

    // tag::test[]
    @Test
    void aBackupBecomesAScheduledCronJobAndReportsReady() {
        given().header("Authorization", TestTokens.bearer(TestTokens.operator())).contentType(ContentType.JSON)
                .body("{\"name\":\"notebooks\",\"volume\":\"claim-alice\",\"bucket\":\"backups\","
                        + "\"schedule\":\"0 3 * * *\"}")
                .post("/api/v1/backups/ml")
                .then().statusCode(201).header("Location", containsString("/api/v1/backups/ml/notebooks"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .header("Authorization", TestTokens.bearer(TestTokens.viewer()))
                .get("/api/v1/backups/ml/notebooks")
                .then().statusCode(200).body("ready", equalTo(true)).body("message", equalTo("runs 0 3 * * *")));

        var job = client.batch().v1().cronjobs().inNamespace("ml").withName("notebooks").get();
        assertThat(job.getSpec().getSchedule()).isEqualTo("0 3 * * *");
        var pod = job.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName()).isEqualTo("claim-alice");
        assertThat(pod.getContainers().get(0).getEnvFrom().get(0).getSecretRef().getName())
                .isEqualTo("backup-s3-credentials");
        var status = client.resources(Backup.class).inNamespace("ml").withName("notebooks").get().getStatus();
        assertThat(status.getObservedGeneration()).isEqualTo(1L);
        assertThat(status.getConditions()).singleElement()
                .satisfies(c -> assertThat(c.getReason()).isEqualTo("Scheduled"));
    }
    // end::test[]

    /** @WithSpan with its @SpanAttribute, and the reconciler's manual span with its attributes, reach the exporter. */
    @Test
    void theServiceAndTheReconcilerTraceTheirWork() {
        given().header("Authorization", TestTokens.bearer(TestTokens.operator())).contentType(ContentType.JSON)
                .body("{\"name\":\"traced\",\"volume\":\"claim-eve\",\"bucket\":\"backups\",\"schedule\":\"@weekly\"}")
                .post("/api/v1/backups/apps").then().statusCode(201);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(spans.named("BackupService.create")).anySatisfy(s -> assertThat(s.getAttributes().asMap())
                    .containsValue("apps"));
            assertThat(spans.named("BackupReconciler.reconcile")).anySatisfy(s -> assertThat(s.getAttributes()
                    .asMap().values()).contains("apps", "traced"));
        });
    }

    /** The reconciler watches the CronJobs it owns: one deleted behind its back comes back without a new request. */
    @Test
    void aCronJobDeletedBehindItsBackIsPutBack() {
        given().header("Authorization", TestTokens.bearer(TestTokens.operator())).contentType(ContentType.JSON)
                .body("{\"name\":\"models\",\"volume\":\"claim-bob\",\"bucket\":\"backups\",\"schedule\":\"@daily\"}")
                .post("/api/v1/backups/ml").then().statusCode(201);
        var job = client.batch().v1().cronjobs().inNamespace("ml").withName("models");
        await().atMost(Duration.ofSeconds(30)).until(() -> job.get() != null);
        String first = job.get().getMetadata().getUid();

        job.delete();

        await().atMost(Duration.ofSeconds(30)).until(() -> job.get() != null && !job.get().getMetadata().getUid()
                .equals(first));
        assertThat(job.get().getSpec().getSchedule()).isEqualTo("@daily");
    }

    @Test
    void badFieldsAreOne400NamingEachOfThem() {
        given().header("Authorization", TestTokens.bearer(TestTokens.operator())).contentType(ContentType.JSON)
                .body("{\"name\":\"Bad_Name\",\"volume\":\"claim-alice\",\"bucket\":\"B\",\"schedule\":\"nightly\"}")
                .post("/api/v1/backups/ml")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("name", "bucket", "schedule"))
                .body("errors.find { it.field == 'schedule' }.reason",
                        equalTo("must be a cron expression such as '0 3 * * *'"));
    }

    @Test
    void anUnmanagedNamespaceIs400NamingItAndAViewerCannotCreate() {
        given().header("Authorization", TestTokens.bearer(TestTokens.viewer())).get("/api/v1/backups/kube-system")
                .then().statusCode(400).body("errors[0].field", equalTo("namespace"));
        given().header("Authorization", TestTokens.bearer(TestTokens.viewer())).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"volume\":\"v\",\"bucket\":\"bbb\",\"schedule\":\"@daily\"}")
                .post("/api/v1/backups/ml").then().statusCode(403);
    }

    @Test
    void aSecondBackupOfTheSameNameIs409() {
        String body = "{\"name\":\"twice\",\"volume\":\"v\",\"bucket\":\"bbb\",\"schedule\":\"@daily\"}";
        given().header("Authorization", TestTokens.bearer(TestTokens.operator())).contentType(ContentType.JSON)
                .body(body).post("/api/v1/backups/apps").then().statusCode(201);
        given().header("Authorization", TestTokens.bearer(TestTokens.operator())).contentType(ContentType.JSON)
                .body(body).post("/api/v1/backups/apps").then().statusCode(409);
    }

    /** The Grafana panel of examples/my-service/kubernetes/grafana reads these series. */
    @Test
    void theCustomMetricsAreExportedForThePanel() {
        aSecondBackupOfTheSameNameIsCounted();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().accept("text/plain").get("/q/metrics")
                .then().statusCode(200)
                .body(matchesRegex("(?s).*backups_requested_total\\{[^}]*outcome=\"conflict\"[^}]*} [1-9].*"))
                .body(matchesRegex("(?s).*backups_reconcile_seconds_bucket\\{[^}]*result=\"scheduled\".*")));
    }

    /** Every series the dashboard's panels query is one my-service exports. */
    @Test
    void theGrafanaPanelQueriesSeriesTheServiceExports() throws Exception {
        theCustomMetricsAreExportedForThePanel();
        String dashboard = java.nio.file.Files.readString(java.nio.file.Path.of("kubernetes/grafana/my-service.json"));
        var series = java.util.regex.Pattern.compile("(backups_[a-z_]+)\\{").matcher(dashboard).results()
                .map(m -> m.group(1)).toList();
        assertThat(series).containsExactly("backups_requested_total", "backups_reconcile_seconds_bucket");
        String metrics = given().accept("text/plain").get("/q/metrics").then().extract().asString();
        assertThat(series).allSatisfy(name -> assertThat(metrics).contains("\n" + name + "{"));
    }

    private void aSecondBackupOfTheSameNameIsCounted() {
        String body = "{\"name\":\"counted\",\"volume\":\"v\",\"bucket\":\"bbb\",\"schedule\":\"@hourly\"}";
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", TestTokens.bearer(TestTokens.operator())).contentType(ContentType.JSON)
                    .body(body).post("/api/v1/backups/apps");
        }
    }
}
