package io.rpik8s.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.rpik8s.testsupport.PlatformTestResource;
import io.rpik8s.webhook.delivery.DeliveryWorker;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A failed attempt is retried when its schedule says (1 s, then 2 s, with 10 % jitter in the test profile), not at
 * the next periodic poll: this profile's poll is an hour apart, so a retry left to it never comes.
 */
@QuarkusTest
@TestProfile(RetryOnScheduleTest.NoPeriodicPoll.class)
@WithKubernetesTestServer(crud = true)
@WithTestResource(PlatformTestResource.class)
class RetryOnScheduleTest {

    public static class NoPeriodicPoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("platform.webhooks.worker.poll-interval", "1h");
        }
    }

    @Inject
    DeliveryWorker worker;

    @Inject
    Pool pool;

    @Test
    void eachRetryGoesOutWhenItsScheduleSaysWithoutWaitingForThePoll() {
        String ns = WebhookApi.freshNamespace();
        try (TestReceiver receiver = new TestReceiver().then(500).then(502)) {
            String endpointId = WebhookApi.register(Map.of("url", receiver.url(), "namespacesInclude", List.of(ns)))
                    .getString("id");
            QueuedDeliveries.insert(pool, endpointId, ns, 1);
            worker.wake();

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 3);
            List<TestReceiver.Received> got = receiver.received();
            assertThat(Duration.between(got.get(0).at(), got.get(1).at()))
                    .isBetween(Duration.ofMillis(850), Duration.ofMillis(1900));
            assertThat(Duration.between(got.get(1).at(), got.get(2).at()))
                    .isBetween(Duration.ofMillis(1750), Duration.ofMillis(2900));
        }
    }
}
