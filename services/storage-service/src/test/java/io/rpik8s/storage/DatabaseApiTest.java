package io.rpik8s.storage;

import static io.rpik8s.storage.BucketApiTest.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.fabric8.kubernetes.api.model.Secret;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.dev.embedded.EmbeddedPostgres;
import io.rpik8s.testsupport.PlatformTestResource;
import io.rpik8s.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PlatformTestResource.class)
@WithTestResource(StorageTestResource.class)
class DatabaseApiTest {

    @KubernetesTestServer
    KubernetesServer server;

    /** Databases and roles are cluster-wide: names unique to this run keep a shared PostgreSQL server reusable. */
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    private static final String ORDERS = "orders_" + RUN;
    private static final String BILLING = "billing_" + RUN;
    private static final String TAKEN = "taken_" + RUN;
    private static final String SCRATCHPAD = "scratchpad_" + RUN;
    private static final String FEATURES = "features_" + RUN;
    private static final String REPORTS = "reports_" + RUN;
    private static final String RACED = "raced_" + RUN;
    private static final String FOREIGN = "foreign_" + RUN;

    @jakarta.inject.Inject
    io.rpik8s.storage.database.PostgresAdmin admin;

    @BeforeAll
    static void listen() {
        Events.probe();
    }

    @Test
    void provisionedRoleLogsInToItsDatabaseOnlyAndSecretIsWritten() throws Exception {
        create(ORDERS, "apps").statusCode(201).body("owner", equalTo(ORDERS + "_owner"))
                .body("secretName", equalTo(secretOf(ORDERS))).body("password", nullValue());
        create(BILLING, "apps").statusCode(201);
        Events.awaitValid(EventTypes.DATABASE_CREATED, e -> ORDERS.equals(e.data().database().name()));

        Secret secret = server.getClient().secrets().inNamespace("apps").withName(secretOf(ORDERS)).get();
        assertThat(secret.getMetadata().getLabels()).containsEntry("app.kubernetes.io/part-of", "rpi-k8s-platform");
        Map<String, String> data = decoded(secret);
        assertThat(data).containsKeys("host", "port", "database", "username", "password", "url", "jdbc-url");
        assertThat(data.get("password")).hasSizeGreaterThanOrEqualTo(32);

        try (Connection c = DriverManager.getConnection(data.get("jdbc-url"), data.get("username"),
                data.get("password")); ResultSet rs = c.createStatement().executeQuery(
                        "SELECT current_database(), current_user")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(ORDERS);
            assertThat(rs.getString(2)).isEqualTo(ORDERS + "_owner");
            c.createStatement().execute("CREATE TABLE t (id int)");
        }
        String otherDb = data.get("jdbc-url").replace("/" + ORDERS, "/" + BILLING);
        assertThatThrownBy(() -> DriverManager.getConnection(otherDb, data.get("username"), data.get("password"))
                .close()).isInstanceOf(SQLException.class).hasMessageContaining("permission denied");

        as(TestTokens.viewer()).get("/api/v1/storage/databases").then().statusCode(200)
                .body("items.find { it.name == '" + ORDERS + "' }.sizeBytes", greaterThan(0))
                .body("items.find { it.name == '" + ORDERS + "' }.namespace", equalTo("apps"));
        create(ORDERS, "apps").statusCode(409);

        as(TestTokens.viewer()).get("/api/v1/storage/databases/" + ORDERS).then().statusCode(200)
                .body("name", equalTo(ORDERS)).body("owner", equalTo(ORDERS + "_owner"))
                .body("namespace", equalTo("apps")).body("secretName", equalTo(secretOf(ORDERS)))
                .body("sizeBytes", greaterThan(0)).body("createdBy", notNullValue())
                .body("createdAt", notNullValue()).body("password", nullValue());
    }

    @Test
    void failedSecretUpdateDuringRotationLeavesRoleAndSecretAgreeing() throws Exception {
        create(REPORTS, "ml").statusCode(201);
        String verifierBefore = storedVerifier(REPORTS + "_owner");
        Map<String, String> before = decoded(server.getClient().secrets().inNamespace("ml").withName(secretOf(REPORTS))
                .get());
        // Someone relabels the Secret as another database's: the service must refuse to write it.
        server.getClient().secrets().inNamespace("ml").withName(secretOf(REPORTS)).edit(s -> {
            s.getMetadata().getLabels().put("rpi-k8s.io/database", "someone_else");
            return s;
        });

        as(TestTokens.operator()).post("/api/v1/storage/databases/" + REPORTS + "/rotate-password").then()
                .statusCode(409).contentType("application/problem+json");

        assertThat(storedVerifier(REPORTS + "_owner")).isEqualTo(verifierBefore);
        assertThat(decoded(server.getClient().secrets().inNamespace("ml").withName(secretOf(REPORTS)).get()))
                .containsEntry("password", before.get("password"));
        DriverManager.getConnection(before.get("jdbc-url"), before.get("username"), before.get("password")).close();
    }

    @Test
    void foreignSecretIsNeverOverwrittenAndNothingIsLeftBehind() {
        server.getClient().secrets().inNamespace("apps").resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata().withName(secretOf(TAKEN)).endMetadata().addToData("password",
                        Base64.getEncoder().encodeToString("theirs".getBytes(StandardCharsets.UTF_8))).build())
                .create();
        create(TAKEN, "apps").statusCode(409);
        assertThat(decoded(server.getClient().secrets().inNamespace("apps").withName(secretOf(TAKEN)).get()))
                .containsEntry("password", "theirs");
        as(TestTokens.viewer()).get("/api/v1/storage/databases/" + TAKEN).then().statusCode(404);
        // The role and database made before the Secret failed were dropped again: a retry elsewhere works.
        as(TestTokens.operator()).body(Map.of("name", TAKEN, "namespace", "apps", "secretName", TAKEN.replace('_', '-') + "-conn"))
                .post("/api/v1/storage/databases").then().statusCode(201);
    }

    @Test
    void aRoleCreatedAtTheSameMomentElsewhereIs409NotAServerError() throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.shared();
        try (Connection other = DriverManager.getConnection(pg.adminUrl(), pg.username(), pg.password())) {
            // another request (or psql) creating the same role, not committed yet
            other.setAutoCommit(false);
            other.createStatement().execute("CREATE ROLE \"" + RACED + "_owner\"");
            var answer = java.util.concurrent.CompletableFuture.supplyAsync(() -> create(RACED, "apps").extract().response());
            // the service's CREATE ROLE waits on the catalog's unique index for the other one to end
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> waitingLocks(pg) > 0);
            other.commit();

            answer.get(30, java.util.concurrent.TimeUnit.SECONDS).then().statusCode(409)
                    .contentType("application/problem+json");
        }
        as(TestTokens.viewer()).get("/api/v1/storage/databases/" + RACED).then().statusCode(404);
        EmbeddedPostgres.shared().execute("DROP ROLE \"" + RACED + "_owner\"");
        create(RACED, "apps").statusCode(201);
    }

    private static int waitingLocks(EmbeddedPostgres pg) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.adminUrl(), pg.username(), pg.password());
                ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_locks WHERE NOT granted")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aDatabaseThatAppearedMeanwhileIsNeverDroppedByTheUndo() throws Exception {
        // made with psql between the service's check and its CREATE DATABASE
        EmbeddedPostgres.shared().execute("CREATE DATABASE \"" + FOREIGN + "\"");

        assertThatThrownBy(() -> admin.create(FOREIGN, FOREIGN + "_owner", "a-password-of-theirs"))
                .isInstanceOf(io.rpik8s.commons.problem.ApiProblem.class);

        assertThat(admin.exists(FOREIGN)).as("their database is still there").isTrue();
        assertThat(roleExists(FOREIGN + "_owner")).as("the role this call made is gone").isFalse();
    }

    @Test
    void databasesAndTheirSecretsGoOnlyToManagedNamespaces() {
        for (String namespace : new String[] {"kube-system", "default", "platform-system"}) {
            create("isolated_db", namespace).statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("namespace"))
                    .body("errors[0].reason", startsWith("is not managed by the platform"));
            assertThat(server.getClient().secrets().inNamespace(namespace).withName("isolated-db-db").get()).isNull();
        }
        as(TestTokens.viewer()).get("/api/v1/storage/databases/isolated_db").then().statusCode(404);
    }

    @Test
    void maliciousAndReservedNamesAre400() {
        for (String bad : new String[] {"x\"; DROP DATABASE postgres; --", "Orders", "1abc", "pg_catalog2",
                "postgres", "a-b", ""}) {
            create(bad, "apps").statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("name"));
        }
        create("fine_name", "Bad Namespace").statusCode(400).body("errors.field", hasItem("namespace"));
        as(TestTokens.admin()).queryParam("confirm", "x\"; DROP ROLE postgres; --")
                .delete("/api/v1/storage/databases/x\"; DROP ROLE postgres; --").then().statusCode(400)
                .body("errors.field", hasItem("name"));
        as(TestTokens.viewer()).get("/api/v1/storage/databases").then().statusCode(200)
                .body("items.name", not(hasItem("fine_name")));
    }

    @Test
    void dropNeedsConfirmationAndRemovesEverything() throws Exception {
        create(SCRATCHPAD, "ml").statusCode(201);
        Map<String, String> data = decoded(server.getClient().secrets().inNamespace("ml").withName(secretOf(SCRATCHPAD))
                .get());
        as(TestTokens.operator()).queryParam("confirm", SCRATCHPAD).delete("/api/v1/storage/databases/" + SCRATCHPAD)
                .then().statusCode(403);
        as(TestTokens.admin()).delete("/api/v1/storage/databases/" + SCRATCHPAD).then().statusCode(400)
                .body("errors.field", hasItem("confirm"));
        as(TestTokens.admin()).queryParam("confirm", "other").delete("/api/v1/storage/databases/" + SCRATCHPAD).then()
                .statusCode(400);
        as(TestTokens.admin()).queryParam("confirm", SCRATCHPAD).delete("/api/v1/storage/databases/" + SCRATCHPAD)
                .then().statusCode(204);
        Events.awaitValid(EventTypes.DATABASE_DROPPED, e -> SCRATCHPAD.equals(e.data().database().name()));

        assertThat(server.getClient().secrets().inNamespace("ml").withName(secretOf(SCRATCHPAD)).get()).isNull();
        assertThatThrownBy(() -> DriverManager.getConnection(data.get("jdbc-url"), data.get("username"),
                data.get("password")).close()).isInstanceOf(SQLException.class);
        as(TestTokens.viewer()).get("/api/v1/storage/databases/" + SCRATCHPAD).then().statusCode(404);
        as(TestTokens.admin()).queryParam("confirm", SCRATCHPAD).delete("/api/v1/storage/databases/" + SCRATCHPAD)
                .then().statusCode(404);
    }

    @Test
    void rotatingThePasswordUpdatesTheSecretAndRetiresTheOldOne() throws Exception {
        create(FEATURES, "ml").statusCode(201);
        String verifierBefore = storedVerifier(FEATURES + "_owner");
        Map<String, String> before = decoded(server.getClient().secrets().inNamespace("ml").withName(secretOf(FEATURES))
                .get());
        as(TestTokens.operator()).post("/api/v1/storage/databases/" + FEATURES + "/rotate-password").then().statusCode(200)
                .body("name", equalTo(FEATURES));
        Events.awaitValid(EventTypes.DATABASE_PASSWORD_ROTATED, e -> FEATURES.equals(e.data().database().name()));
        Map<String, String> after = decoded(server.getClient().secrets().inNamespace("ml").withName(secretOf(FEATURES))
                .get());
        assertThat(after.get("password")).isNotEqualTo(before.get("password"));
        DriverManager.getConnection(after.get("jdbc-url"), after.get("username"), after.get("password")).close();
        // The embedded test server trusts local logins whatever the password, so the old password's retirement is
        // checked on the stored SCRAM verifier rather than by a refused login.
        assertThat(storedVerifier(FEATURES + "_owner")).startsWith("SCRAM-SHA-256$").isNotEqualTo(verifierBefore);
    }

    private static boolean roleExists(String role) throws SQLException {
        return roleColumn("SELECT 1 FROM pg_roles WHERE rolname = ?", role) != null;
    }

    private static String storedVerifier(String role) throws SQLException {
        String verifier = roleColumn("SELECT coalesce(rolpassword, '') FROM pg_authid WHERE rolname = ?", role);
        assertThat(verifier).as("role %s", role).isNotNull();
        return verifier;
    }

    /** The first column of the row {@code sql} selects for {@code role}, as the server's admin; null when none. */
    private static String roleColumn(String sql, String role) throws SQLException {
        EmbeddedPostgres pg = EmbeddedPostgres.shared();
        try (Connection c = DriverManager.getConnection(pg.adminUrl(), pg.username(), pg.password());
                var s = c.prepareStatement(sql)) {
            s.setString(1, role);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @AfterAll
    static void dropWhatThisRunProvisioned() {
        for (String db : new String[] {ORDERS, BILLING, TAKEN, SCRATCHPAD, FEATURES, REPORTS, RACED, FOREIGN}) {
            EmbeddedPostgres.shared().execute("DROP DATABASE IF EXISTS \"" + db + "\" WITH (FORCE)");
            EmbeddedPostgres.shared().execute("DROP ROLE IF EXISTS \"" + db + "_owner\"");
        }
    }

    private static String secretOf(String database) {
        return database.replace('_', '-') + "-db";
    }

    private static io.restassured.response.ValidatableResponse create(String name, String namespace) {
        return as(TestTokens.operator()).body(Map.of("name", name, "namespace", namespace))
                .post("/api/v1/storage/databases").then();
    }

    private static Map<String, String> decoded(Secret secret) {
        Map<String, String> out = new java.util.HashMap<>();
        secret.getData().forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v),
                StandardCharsets.UTF_8)));
        return out;
    }
}
