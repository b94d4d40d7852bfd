package io.rpik8s.webhook.delivery;

import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.rpik8s.testsupport.PlatformTestResource;
import io.rpik8s.webhook.QueuedDeliveries;
import io.rpik8s.webhook.TestReceiver;
import io.rpik8s.webhook.WebhookApi;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An endpoint found full by a lease is leased for again once half of what it holds is free, without waiting for the
 * periodic poll, also when all its attempts end while that lease's query runs (they then free their slots before the
 * endpoint is marked as held back). Its own profile: the poll is an hour apart, so a missed wake shows as deliveries
 * that never come; one attempt in flight and two waiting per endpoint.
 */
@QuarkusTest
@TestProfile(HeldBackEndpointTest.NoPeriodicPoll.class)
@WithKubernetesTestServer(crud = true)
@WithTestResource(PlatformTestResource.class)
class HeldBackEndpointTest {

    public static class NoPeriodicPoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("platform.webhooks.worker.poll-interval", "1h",
                    "platform.webhooks.worker.per-endpoint", "1",
                    "platform.webhooks.worker.ahead-per-endpoint", "2");
        }
    }

    /** Answers each lease only once no attempt is in flight: the endpoint drains while the query runs. */
    static class LeaseAnsweredAfterTheDrain extends DeliveryQueue {

        private final DeliveryWindow window;

        LeaseAnsweredAfterTheDrain(Pool pool, DeliveryWindow window) {
            super(pool);
            this.window = window;
        }

        @Override
        public Uni<List<DueDelivery>> lease(int max, DeliveryWindow.Busy busy, int perEndpoint, Duration lease,
                String owner) {
            return super.lease(max, busy, perEndpoint, lease, owner).call(due -> Multi.createFrom().ticks()
                    .every(Duration.ofMillis(5)).select().where(t -> window.free() == window.size()).toUni());
        }
    }

    @Inject
    DeliveryWorker worker;

    @Inject
    DeliveryWindow window;

    @Inject
    Pool pool;

    @Test
    void anEndpointThatDrainsWhileItsLeaseRunsIsLeasedForAgainAtOnce() {
        QuarkusMock.installMockForType(new LeaseAnsweredAfterTheDrain(pool, window), DeliveryQueue.class);
        String ns = WebhookApi.freshNamespace();
        try (TestReceiver receiver = new TestReceiver()) {
            String endpointId = WebhookApi.register(Map.of("url", receiver.url(), "namespacesInclude", List.of(ns)))
                    .getString("id");
            QueuedDeliveries.insert(pool, endpointId, ns, 12);
            worker.wake();
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 12);
        }
    }
}
