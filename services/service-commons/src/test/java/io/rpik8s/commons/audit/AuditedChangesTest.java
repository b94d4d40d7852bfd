package io.rpik8s.commons.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rpik8s.commons.outbox.OutboxStore;
import io.rpik8s.dev.embedded.EmbeddedPostgres;
import io.rpik8s.model.events.DeploymentEvents;
import io.rpik8s.model.events.DeploymentPayload;
import io.rpik8s.model.events.PlatformEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against the tests' PostgreSQL (the server of {@code PLATFORM_TEST_DB_URL}, else embedded binaries), in a database
 * of its own: an audit table of a service's own shape next to the outbox.
 */
class AuditedChangesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static EmbeddedPostgres postgres;
    private static EmbeddedPostgres.Database database;
    private static Vertx vertx;
    private static Pool pool;

    private final AtomicInteger wakes = new AtomicInteger();
    private AuditedChanges<PlatformEvent> changes;

    /** A service's audit writer: the event type and who made the change, in its own table. */
    record Entry(String action, String actor) {
    }

    @BeforeAll
    static void schema() throws IOException {
        postgres = EmbeddedPostgres.shared();
        database = postgres.createDatabase("audited");
        vertx = Vertx.vertx();
        PgConnectOptions options = PgConnectOptions.fromUri(database.reactiveUrl()).setUser(database.username())
                .setPassword(database.password());
        pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(options).using(vertx).build();
        String outbox;
        try (InputStream in = AuditedChangesTest.class.getResourceAsStream("/db/outbox/V0_1__outbox.sql")) {
            outbox = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        pool.query(outbox).execute().await().atMost(WAIT);
        pool.query("""
                CREATE TABLE change_audit (id BIGSERIAL PRIMARY KEY, event_type TEXT NOT NULL, actor TEXT,
                                           result TEXT NOT NULL);
                CREATE TABLE thing (name TEXT PRIMARY KEY)""").execute().await().atMost(WAIT);
    }

    @AfterAll
    static void drop() {
        pool.close().await().atMost(WAIT);
        vertx.close().await().atMost(WAIT);
        postgres.dropDatabase(database.name());
    }

    @BeforeEach
    void recorder() {
        pool.query("TRUNCATE change_audit, thing, outbox").execute().await().atMost(WAIT);
        AuditWriter<PlatformEvent> writer = (sql, event) -> sql.preparedQuery(
                        "INSERT INTO change_audit (event_type, actor, result) VALUES ($1, $2, $3)")
                .execute(Tuple.of(event.event(), event.actor(), event.actor() == null ? "failed" : "succeeded"));
        changes = new AuditedChanges<>(new OutboxStore(() -> pool, wakes::incrementAndGet), pool, "test-service",
                writer);
    }

    @Test
    void anAcceptedChangeCommitsItsAuditRowItsEventAndTheServicesStatementsTogetherThenWakesTheRelay() {
        changes.succeeded(scaled("alice"), scaled("alice"), tx -> tx.preparedQuery("INSERT INTO thing VALUES ($1)")
                .execute(Tuple.of("web"))).await().atMost(WAIT);

        assertThat(rows("SELECT event_type || ' ' || actor || ' ' || result FROM change_audit"))
                .containsExactly("deployment.scaled alice succeeded");
        assertThat(rows("SELECT event_type || ' ' || source || ' ' || subject FROM outbox"))
                .singleElement().asString().startsWith("deployment.scaled ").contains("test-service")
                .endsWith(" default/web");
        assertThat(rows("SELECT name FROM thing")).containsExactly("web");
        assertThat(wakes).hasValue(1);
    }

    @Test
    void whenTheServicesStatementsFailNeitherTheAuditRowNorTheEventIsLeftAndTheRelayIsNotWoken() {
        Uni<Void> failing = changes.succeeded(scaled("alice"), scaled("alice"),
                tx -> tx.query("INSERT INTO no_such_table VALUES (1)").execute());

        assertThatThrownBy(() -> failing.await().atMost(WAIT)).hasMessageContaining("no_such_table");
        assertThat(rows("SELECT event_type FROM change_audit")).isEmpty();
        assertThat(rows("SELECT event_type FROM outbox")).isEmpty();
        assertThat(wakes).hasValue(0);
    }

    @Test
    void aFailedChangeIsAuditedButNeverAnnounced() {
        changes.failed(scaled(null)).await().atMost(WAIT);

        assertThat(rows("SELECT event_type || ' ' || result FROM change_audit"))
                .containsExactly("deployment.scaled failed");
        assertThat(rows("SELECT event_type FROM outbox")).isEmpty();
        assertThat(wakes).hasValue(0);
    }

    @Test
    void anAuditThatCannotBeWrittenForAFailedChangeDoesNotFailTheCaller() {
        AuditedChanges<PlatformEvent> broken = new AuditedChanges<>(new OutboxStore(() -> pool, wakes::incrementAndGet),
                pool, "test-service", (sql, event) -> sql.query("INSERT INTO no_such_table VALUES (1)").execute());

        broken.failed(scaled(null)).await().atMost(WAIT);

        assertThat(rows("SELECT event_type FROM change_audit")).isEmpty();
    }

    private static PlatformEvent scaled(String actor) {
        return DeploymentEvents.scaled(DeploymentPayload.app("web", "default", 3, "nginx:1.27", "container",
                DeploymentPayload.ORIGIN_API), 1, 3, actor);
    }

    private static List<String> rows(String sql) {
        List<String> values = new ArrayList<>();
        for (Row row : pool.query(sql).execute().await().atMost(WAIT)) {
            values.add(row.getString(0));
        }
        return values;
    }
}
