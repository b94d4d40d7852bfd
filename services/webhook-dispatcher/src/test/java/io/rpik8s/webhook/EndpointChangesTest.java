package io.rpik8s.webhook;

import static io.rpik8s.webhook.WebhookApi.freshNamespace;
import static io.rpik8s.webhook.WebhookApi.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.path.json.JsonPath;
import io.rpik8s.commons.messaging.PlatformEventPublisher;
import io.rpik8s.model.events.DeploymentPayload;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.model.events.PlatformEvent;
import io.rpik8s.testsupport.PlatformTestResource;
import io.rpik8s.webhook.store.EnabledEndpoints;
import io.rpik8s.webhook.store.Endpoint;
import io.rpik8s.webhook.store.EndpointChanges;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The enabled endpoints are kept in memory between changes: a change committed by another dispatcher (plain SQL on
 * another connection here, as another replica's would be) is heard through PostgreSQL's notices, and the next event is
 * matched and signed with the endpoint as it is now; a dropped listening connection is opened again.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PlatformTestResource.class)
class EndpointChangesTest {

    @Inject
    PlatformEventPublisher publisher;

    @Inject
    EnabledEndpoints enabled;

    @Inject
    EndpointChanges changes;

    @Inject
    Pool pool;

    @Test
    void aSecretRotatedByAnotherDispatcherSignsTheNextEvent() {
        String ns = freshNamespace();
        try (TestReceiver receiver = new TestReceiver()) {
            JsonPath ep = register(Map.of("url", receiver.url(), "namespacesInclude", List.of(ns)));
            String id = ep.getString("id");
            publishDeployment(ns);
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 1);
            assertThat(verifies(ep.getString("secret"), receiver.received().get(0))).isTrue();

            // Nothing changed since: the copy in memory serves the next polls, no read of the table.
            await().atMost(Duration.ofSeconds(10)).until(() -> enabled.get().await().indefinitely()
                    == enabled.get().await().indefinitely());

            String rotated = "whsec_" + Base64.getEncoder().encodeToString("another-dispatcher-rotated-it-1".getBytes());
            pool.preparedQuery("UPDATE endpoint SET secret = $2, updated_at = now() WHERE id = $1")
                    .execute(Tuple.of(id, rotated)).await().atMost(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(10)).until(() -> secretOf(id).filter(rotated::equals).isPresent());

            publishDeployment(ns);
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 2);
            assertThat(verifies(rotated, receiver.received().get(1))).isTrue();
            assertThat(verifies(ep.getString("secret"), receiver.received().get(1))).isFalse();

            // Disabled elsewhere: the next event makes no delivery for it.
            pool.preparedQuery("UPDATE endpoint SET enabled = false, updated_at = now() WHERE id = $1")
                    .execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(10)).until(() -> secretOf(id).isEmpty());
            EventEnvelope third = publishDeployment(ns);
            await().atMost(Duration.ofSeconds(20)).until(() -> recorded("msg_" + third.id()));
            assertThat(pool.preparedQuery("SELECT count(*) FROM delivery WHERE message_id = $1 AND endpoint_id = $2")
                    .execute(Tuple.of("msg_" + third.id(), id)).await().atMost(Duration.ofSeconds(10))
                    .iterator().next().getLong(0)).isZero();
        }
    }

    @Test
    void aDroppedListeningConnectionIsOpenedAgainAndHearsChanges() {
        await().atMost(Duration.ofSeconds(10)).until(() -> changes.listeningBackend() != 0);
        int first = changes.listeningBackend();
        String ns = freshNamespace();
        try (TestReceiver receiver = new TestReceiver()) {
            String id = register(Map.of("url", receiver.url(), "namespacesInclude", List.of(ns))).getString("id");
            pool.preparedQuery("SELECT pg_terminate_backend($1)").execute(Tuple.of(first))
                    .await().atMost(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> changes.listeningBackend() != 0 && changes.listeningBackend() != first);
            // A copy read now is kept until a notice on the new connection says otherwise.
            await().atMost(Duration.ofSeconds(10)).until(() -> enabled.get().await().indefinitely()
                    == enabled.get().await().indefinitely());

            String rotated = "whsec_" + Base64.getEncoder().encodeToString("rotated-after-the-reconnection".getBytes());
            pool.preparedQuery("UPDATE endpoint SET secret = $2, updated_at = now() WHERE id = $1")
                    .execute(Tuple.of(id, rotated)).await().atMost(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(10)).until(() -> secretOf(id).filter(rotated::equals).isPresent());
        }
    }

    private EventEnvelope publishDeployment(String namespace) {
        EventEnvelope e = EventEnvelope.of("deployment-service", PlatformEvent.deployment(
                EventTypes.DEPLOYMENT_SCALED, DeploymentPayload.of("web", namespace, 2, "registry/app:1"), "alice"));
        publisher.publish(e).await().atMost(Duration.ofSeconds(20));
        return e;
    }

    private Optional<String> secretOf(String endpointId) {
        return enabled.get().await().atMost(Duration.ofSeconds(10)).stream()
                .filter(e -> e.id().equals(endpointId)).map(Endpoint::secret).findFirst();
    }

    private boolean recorded(String messageId) {
        return pool.preparedQuery("SELECT count(*) FROM message WHERE id = $1").execute(Tuple.of(messageId))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0) == 1;
    }

    private static boolean verifies(String secret, TestReceiver.Received got) {
        return IndependentVerifier.matchingV1(secret, got.header("webhook-id"), got.header("webhook-timestamp"),
                got.body(), got.header("webhook-signature")) == 1;
    }
}
