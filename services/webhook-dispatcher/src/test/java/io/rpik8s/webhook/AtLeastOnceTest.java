package io.rpik8s.webhook;

import static io.rpik8s.webhook.WebhookApi.freshNamespace;
import static io.rpik8s.webhook.WebhookApi.register;
import static io.rpik8s.webhook.WebhookApi.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.rpik8s.commons.messaging.PlatformEventPublisher;
import io.rpik8s.model.events.DeploymentPayload;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.model.events.PlatformEvent;
import io.rpik8s.model.events.Topics;
import io.rpik8s.dev.embedded.EmbeddedKafka;
import io.rpik8s.testsupport.PlatformTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * At-least-once under failure: Kafka redelivering records after a consumer crash, PostgreSQL failing mid-stream (the
 * offset must not be committed before the message is recorded), and a worker dying with a leased delivery.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PlatformTestResource.class)
class AtLeastOnceTest {

    private static final TopicPartition DEPLOYMENTS = new TopicPartition(Topics.DEPLOYMENTS, 0);

    @Inject
    PlatformEventPublisher publisher;

    @Inject
    Pool pool;

    EventEnvelope event(String namespace, int i) {
        return EventEnvelope.of("deployment-service", PlatformEvent.deployment(EventTypes.DEPLOYMENT_SCALED,
                DeploymentPayload.of("app-" + i, namespace, i, "registry/app:1"), "bob"));
    }

    void publish(EventEnvelope e) {
        publisher.publish(e).await().atMost(Duration.ofSeconds(20));
    }

    @Test
    void recordsRedeliveredAfterAConsumerCrashAreDeliveredOnceWithStableIds() {
        String ns = freshNamespace();
        try (TestReceiver receiver = new TestReceiver()) {
            String endpointId = register(Map.of("url", receiver.url(), "namespacesInclude", List.of(ns)))
                    .getString("id");
            List<EventEnvelope> events = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                events.add(event(ns, i));
            }
            // The consumer "crashes" after 10 records: Kafka hands the uncommitted ones to its successor again,
            // interleaved with the rest of the stream (same CloudEvents ids, as a redelivery has).
            events.subList(0, 10).forEach(this::publish);
            for (int i = 0; i < 10; i++) {
                publish(events.get(i));
                publish(events.get(10 + i));
            }

            Set<String> expected = events.stream().map(e -> "msg_" + e.id()).collect(Collectors.toSet());
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().stream()
                    .map(r -> r.header("webhook-id")).collect(Collectors.toSet()).containsAll(expected));
            Map<String, Set<String>> bodiesById = receiver.received().stream().collect(Collectors.groupingBy(
                    r -> r.header("webhook-id"), Collectors.mapping(TestReceiver.Received::body, Collectors.toSet())));
            assertThat(bodiesById.keySet()).isEqualTo(expected);
            assertThat(bodiesById.values()).allSatisfy(bodies -> assertThat(bodies).hasSize(1));
            viewer().queryParam("endpointId", endpointId).get("/api/v1/webhooks/messages").then().statusCode(200)
                    .body("total", org.hamcrest.Matchers.equalTo(20));
        }
    }

    @Test
    void offsetIsNotCommittedBeforeTheMessageIsRecordedAndNothingIsLostWhenPostgresFails() throws Exception {
        String ns = freshNamespace();
        try (TestReceiver receiver = new TestReceiver();
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        EmbeddedKafka.shared().bootstrapServers()))) {
            register(Map.of("url", receiver.url(), "namespacesInclude", List.of(ns)));
            // Make recording fail, as if PostgreSQL went away mid-stream.
            pool.query("ALTER TABLE message RENAME TO message_unavailable").execute().await().indefinitely();
            List<EventEnvelope> events = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    EventEnvelope e = event(ns, i);
                    events.add(e);
                    publish(e);
                }
                long end = admin.listOffsets(Map.of(DEPLOYMENTS, OffsetSpec.latest())).all().get()
                        .get(DEPLOYMENTS).offset();
                // Past the commit interval (5 s): the offset must still point before our records.
                Instant until = Instant.now().plusSeconds(7);
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    assertThat(committed(admin)).isLessThan(end);
                    return Instant.now().isAfter(until);
                });
                assertThat(receiver.received()).isEmpty();
            } finally {
                pool.query("ALTER TABLE message_unavailable RENAME TO message").execute().await().indefinitely();
            }
            Set<String> expected = events.stream().map(e -> "msg_" + e.id()).collect(Collectors.toSet());
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().stream()
                    .map(r -> r.header("webhook-id")).collect(Collectors.toSet()).equals(expected));
            long end = admin.listOffsets(Map.of(DEPLOYMENTS, OffsetSpec.latest())).all().get().get(DEPLOYMENTS)
                    .offset();
            await().atMost(Duration.ofSeconds(20)).until(() -> committed(admin) >= end);
        }
    }

    @Test
    void deliveryLeasedByAWorkerThatDiedIsDeliveredWhenTheLeaseExpires() {
        String ns = freshNamespace();
        try (TestReceiver receiver = new TestReceiver()) {
            String endpointId = register(Map.of("url", receiver.url(), "namespacesInclude", List.of(ns)))
                    .getString("id");
            String messageId = "msg_crash_" + ns;
            // A worker leased this delivery for 3 s and died before attempting it.
            Instant leasedUntil = Instant.now().plusSeconds(3);
            pool.preparedQuery("INSERT INTO message (id, event_type, namespace, body) VALUES ($1, $2, $3, $4)")
                    .execute(Tuple.of(messageId, "deployment.scaled", ns, "{\"event\":\"deployment.scaled\"}"))
                    .chain(() -> pool.preparedQuery("""
                            INSERT INTO delivery (message_id, endpoint_id, lease_until) VALUES ($1, $2, $3)""")
                            .execute(Tuple.of(messageId, endpointId, leasedUntil.atOffset(java.time.ZoneOffset.UTC))))
                    .await().indefinitely();

            await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() == 1);
            assertThat(receiver.received().get(0).at()).isAfterOrEqualTo(leasedUntil);
            assertThat(receiver.received().get(0).header("webhook-id")).isEqualTo(messageId);
        }
    }

    private static long committed(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("webhook-dispatcher")
                .partitionsToOffsetAndMetadata().get();
        OffsetAndMetadata o = offsets.get(DEPLOYMENTS);
        return o == null ? 0 : o.offset();
    }
}
