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
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A dispatcher that stops (a rolling update) hands the deliveries leased ahead back to the queue at once; only the
 * attempts under way stay leased. Its own profile: the test stops this application's worker.
 */
@QuarkusTest
@TestProfile(ShutdownHandsBackTest.TwoAttemptsPerEndpoint.class)
@WithKubernetesTestServer(crud = true)
@WithTestResource(PlatformTestResource.class)
class ShutdownHandsBackTest {

    public static class TwoAttemptsPerEndpoint implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("platform.webhooks.worker.per-endpoint", "2");
        }
    }

    @Inject
    DeliveryWorker worker;

    @Inject
    Pool pool;

    @Test
    void theDeliveriesWaitingHereGoBackToTheQueueAndTheAttemptsUnderWayStayLeased() throws Exception {
        String ns = io.rpik8s.webhook.WebhookApi.freshNamespace();
        try (var receiver = new io.rpik8s.webhook.TestReceiver().answeringAfter(Duration.ofSeconds(60))) {
            String endpointId = io.rpik8s.webhook.WebhookApi.register(Map.of("url", receiver.url(),
                    "namespacesInclude", List.of(ns))).getString("id");
            io.rpik8s.webhook.QueuedDeliveries.insert(pool, endpointId, ns, 8);
            worker.wake();
            // two attempts hang at the receiver, the six others wait here, leased
            await().atMost(Duration.ofSeconds(30)).until(() -> leased(endpointId) == 8 && receiver.received().size() == 2);

            worker.stop(new ShutdownEvent());

            assertThat(leased(endpointId)).as("deliveries still leased after the stop").isEqualTo(2);
        }
    }

    private long leased(String endpointId) {
        return pool.preparedQuery("SELECT count(*) FROM delivery WHERE endpoint_id = $1 AND lease_until > now()")
                .execute(Tuple.of(endpointId)).await().indefinitely().iterator().next().getLong(0);
    }
}
