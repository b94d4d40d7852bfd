package io.rpik8s.monitoring.timeline;

import io.rpik8s.commons.messaging.ConsumedEvent;
import io.rpik8s.commons.messaging.EventConsumers;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.EventJson;
import io.rpik8s.monitoring.stream.LiveUpdate;
import io.rpik8s.monitoring.stream.LiveUpdates;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes {@code platform.deployments} (CloudEvents binary mode, group {@code monitoring-service}) into the rollout
 * timeline and the live stream. The record is acknowledged only once stored; unreadable records are skipped.
 */
@ApplicationScoped
public class DeploymentEventConsumer {

    public static final String CHANNEL = "platform-deployments";

    private final EventConsumers consumers;
    private final TimelineStore store;
    private final LiveUpdates updates;

    public DeploymentEventConsumer(EventConsumers consumers, TimelineStore store, LiveUpdates updates) {
        this.consumers = consumers;
        this.store = store;
        this.updates = updates;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> message) {
        return consumers.consume(CHANNEL, message, this::handle);
    }

    private Uni<Void> handle(ConsumedEvent event) {
        EventEnvelope envelope = event.envelope();
        if (envelope.data().deployment() == null) {
            return Uni.createFrom().voidItem();
        }
        String traceId = event.traceId();
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
                .replaceWithVoid();
    }
}
