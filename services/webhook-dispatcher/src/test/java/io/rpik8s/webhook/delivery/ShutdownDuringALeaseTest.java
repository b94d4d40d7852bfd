package io.rpik8s.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.rpik8s.testsupport.PlatformTestResource;
import io.rpik8s.webhook.QueuedDeliveries;
import io.rpik8s.webhook.TestReceiver;
import io.rpik8s.webhook.WebhookApi;
import io.rpik8s.webhook.store.Endpoint;
import io.rpik8s.webhook.store.EndpointStore;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A dispatcher that stops while a lease of due deliveries is under way: what that lease takes goes back to the
 * queue with the rest, and no attempt of it starts. Before, the lease's result arrived after the hand-back and its
 * deliveries stayed leased to the stopped instance. The lease is held under way by locking the endpoint table it
 * reads. The same for deliveries the recorder writes already leased to this instance once it stops. Its own
 * profile: the tests stop this application's worker.
 */
@QuarkusTest
@TestProfile(ShutdownDuringALeaseTest.OwnApplication.class)
@WithKubernetesTestServer(crud = true)
@WithTestResource(PlatformTestResource.class)
class ShutdownDuringALeaseTest {

    /** No setting of its own: a profile of its own gives the test an application whose worker it may stop. */
    public static class OwnApplication implements QuarkusTestProfile {
    }

    @Inject
    DeliveryWorker worker;

    @Inject
    Pool pool;

    @Inject
    EndpointStore endpoints;

    @Inject
    DeliveryWindow window;

    @Test
    void whatALeaseUnderWayTakesGoesBackToTheQueueAndIsNotAttempted() throws Exception {
        String ns = WebhookApi.freshNamespace();
        try (var receiver = new TestReceiver().answeringAfter(Duration.ofSeconds(60))) {
            String endpointId = WebhookApi.register(Map.of("url", receiver.url(),
                    "namespacesInclude", List.of(ns))).getString("id");
            SqlConnection lock = pool.getConnection().await().atMost(Duration.ofSeconds(10));
            try {
                Transaction tx = lock.begin().await().atMost(Duration.ofSeconds(10));
                lock.query("LOCK TABLE endpoint IN ACCESS EXCLUSIVE MODE").execute()
                        .await().atMost(Duration.ofSeconds(10));
                QueuedDeliveries.insert(lock, endpointId, ns, 6);
                worker.wake();
                await().atMost(Duration.ofSeconds(30)).until(this::aLeaseWaitsForTheLock);

                CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> worker.stop(new ShutdownEvent()));
                await().atMost(Duration.ofSeconds(30)).until(worker::stopping);
                // the rows become visible and the lease goes on, after the worker was told to stop
                tx.commit().await().atMost(Duration.ofSeconds(10));
                stopped.get(30, TimeUnit.SECONDS);
                // what the lease took is placed (waiting, attempted or handed back) before it counts as ended
                await().atMost(Duration.ofSeconds(30)).until(() -> !worker.leasing());
            } finally {
                lock.close().await().atMost(Duration.ofSeconds(10));
            }

            assertThat(leased(endpointId)).as("deliveries still leased after the stop").isZero();
            assertThat(receiver.received()).as("attempts started after the stop").isEmpty();
        }
    }

    @Test
    void deliveriesRecordedLeasedWhileStoppingAreHandedBackAndNotAttempted() throws Exception {
        String ns = WebhookApi.freshNamespace();
        try (var receiver = new TestReceiver()) {
            String endpointId = WebhookApi.register(Map.of("url", receiver.url(),
                    "namespacesInclude", List.of(ns))).getString("id");
            Endpoint endpoint = endpoints.get(endpointId).await().atMost(Duration.ofSeconds(10));
            worker.stop(new ShutdownEvent());

            // as the recorder does: the rows written already leased to this instance, their slots taken
            List<DueDelivery> recorded = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String messageId = "msg_stoprecord_" + ns + "_" + i;
                assertThat(window.tryTake(endpointId)).isTrue();
                long id = pool.preparedQuery("INSERT INTO message (id, event_type, namespace, body) VALUES ($1, $2, $3, $4)")
                        .execute(Tuple.of(messageId, "deployment.scaled", ns, "{}"))
                        .chain(() -> pool.preparedQuery("INSERT INTO delivery (message_id, endpoint_id, lease_until,"
                                        + " leased_by) VALUES ($1, $2, now() + interval '2 minutes', $3) RETURNING id")
                                .execute(Tuple.of(messageId, endpointId, worker.owner())))
                        .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
                recorded.add(new DueDelivery(id, 0, messageId, "deployment.scaled", "{}", null, endpoint));
            }
            worker.start(recorded);

            await().atMost(Duration.ofSeconds(30)).until(() -> leased(endpointId) == 0);
            assertThat(window.inFlight(endpointId)).as("slots still taken").isZero();
            assertThat(receiver.received()).as("attempts started after the stop").isEmpty();
        }
    }

    /** The worker's lease query is waiting for the table lock. */
    private boolean aLeaseWaitsForTheLock() {
        return pool.query("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                        + " AND query LIKE '%FOR UPDATE OF d SKIP LOCKED%'")
                .execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0) > 0;
    }

    private long leased(String endpointId) {
        return pool.preparedQuery("SELECT count(*) FROM delivery WHERE endpoint_id = $1 AND lease_until > now()")
                .execute(Tuple.of(endpointId)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }
}
