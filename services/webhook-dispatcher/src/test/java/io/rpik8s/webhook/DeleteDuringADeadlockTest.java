package io.rpik8s.webhook;

import static io.rpik8s.webhook.WebhookApi.admin;
import static io.rpik8s.webhook.WebhookApi.freshNamespace;
import static io.rpik8s.webhook.WebhookApi.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.rpik8s.testsupport.PlatformTestResource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Deleting an endpoint while another statement locks its deliveries in the other order (the outcomes of its attempts
 * being written, a lease): PostgreSQL breaks the deadlock by aborting one of the two, and when that is the delete it
 * runs again instead of answering 500.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PlatformTestResource.class)
class DeleteDuringADeadlockTest {

    @Inject
    Pool pool;

    @Test
    void aDeleteThatPostgresqlAbortsToBreakADeadlockIsRunAgain() {
        String ns = freshNamespace();
        try (TestReceiver receiver = new TestReceiver()) {
            String endpointId = register(Map.of("url", receiver.url(), "namespacesInclude", List.of(ns),
                    "enabled", false)).getString("id");
            List<Long> deliveries = QueuedDeliveries.insert(pool, endpointId, ns, 2);
            // Another statement holds the second delivery; the delete's cascade takes the first, then waits for it.
            SqlConnection other = pool.getConnection().await().atMost(Duration.ofSeconds(10));
            try {
                other.query("BEGIN").execute().chain(() -> lock(other, deliveries.get(1)))
                        .await().atMost(Duration.ofSeconds(10));
                CompletableFuture<Integer> delete = CompletableFuture.supplyAsync(() -> admin()
                        .delete("/api/v1/webhooks/endpoints/" + endpointId).then().extract().statusCode());
                await().atMost(Duration.ofSeconds(20)).until(this::aDeleteWaitsForALock);
                // Now the other statement wants the first: a cycle. The delete has waited longer, so PostgreSQL's
                // check finds the cycle from its side and aborts it.
                Uni<Void> second = lock(other, deliveries.get(0)).onFailure().recoverWithNull().replaceWithVoid()
                        .chain(() -> other.query("COMMIT").execute()).replaceWithVoid();
                second.await().atMost(Duration.ofSeconds(30));

                assertThat(delete.join()).as("status of the delete").isEqualTo(204);
            } finally {
                other.close().await().atMost(Duration.ofSeconds(10));
            }
            assertThat(pool.preparedQuery("SELECT count(*) FROM delivery WHERE endpoint_id = $1")
                    .execute(Tuple.of(endpointId)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0))
                    .isZero();
            admin().get("/api/v1/webhooks/endpoints/" + endpointId).then().statusCode(404);
        }
    }

    private static Uni<Void> lock(SqlConnection connection, long deliveryId) {
        return connection.preparedQuery("SELECT id FROM delivery WHERE id = $1 FOR NO KEY UPDATE")
                .execute(Tuple.of(deliveryId)).replaceWithVoid();
    }

    private boolean aDeleteWaitsForALock() {
        return pool.query("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'DELETE FROM endpoint%'""")
                .execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0) > 0;
    }
}
