package io.rpik8s.monitoring.timeline;

import io.rpik8s.commons.messaging.IncomingEvents;
import io.rpik8s.model.events.CloudEventHeaders;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.EventJson;
import io.rpik8s.monitoring.stream.LiveUpdate;
import io.rpik8s.monitoring.stream.LiveUpdates;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes {@code platform.deployments} (CloudEvents binary mode, group {@code monitoring-service}) into the rollout
 * timeline and the live stream. The record is acknowledged only once stored; unreadable records are skipped.
 */
@ApplicationScoped
public class DeploymentEventConsumer {

    public static final String CHANNEL = "platform-deployments";
    private static final Logger LOG = Logger.getLogger(DeploymentEventConsumer.class);

    private final TimelineStore store;
    private final LiveUpdates updates;

    public DeploymentEventConsumer(TimelineStore store, LiveUpdates updates) {
        this.store = store;
        this.updates = updates;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> message) {
        EventEnvelope envelope;
        try {
            envelope = IncomingEvents.envelopeOf(message);
        } catch (RuntimeException e) {
            LOG.warnf("Skipping a platform.deployments record that is not a platform event: %s", e.getMessage());
            return Uni.createFrom().completionStage(message.ack());
        }
        if (envelope.data().deployment() == null) {
            return Uni.createFrom().completionStage(message.ack());
        }
        String traceId = traceIdOf(message);
        // PostgreSQL blips are retried before the record is given up (failure-strategy=ignore logs and moves on).
        return store.add(envelope, traceId)
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5)
                .invoke(added -> {
                    if (added) {
                        updates.push(new LiveUpdate("deployment", envelope.type(), new TimelineEntry(envelope.id(),
                                envelope.type(), envelope.source().toString(), envelope.time(), traceId,
                                EventJson.mapper().valueToTree(envelope.data()))));
                    }
                })
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().call(e -> Uni.createFrom().completionStage(message.nack(e)));
    }

    /** The trace id of the record's W3C traceparent ({@code 00-<trace-id>-<span-id>-<flags>}). */
    static String traceIdOf(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getHeaders().lastHeader(CloudEventHeaders.TRACEPARENT))
                .map(Header::value)
                .map(v -> new String(v, StandardCharsets.UTF_8).split("-"))
                .filter(parts -> parts.length >= 3)
                .map(parts -> parts[1])
                .orElse(null);
    }
}
