package io.rpik8s.commons.messaging;

import io.opentelemetry.context.Context;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.EventJson;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes platform events on Kafka as CloudEvents in binary mode ({@code ce_*} headers, JSON data as the value,
 * the subject as the key) with the W3C trace context of the change that caused them. Completes when the broker has
 * acknowledged the record (acks=all).
 */
@ApplicationScoped
public class PlatformEventPublisher {

    /** The outgoing channel every service configures; the topic is chosen per event. */
    public static final String CHANNEL = "platform-events";

    private final MutinyEmitter<String> emitter;

    public PlatformEventPublisher(@Channel(CHANNEL) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Publishes under the current trace context. */
    public Uni<Void> publish(EventEnvelope envelope) {
        return publish(envelope, Context.current());
    }

    /** Publishes as a child of {@code traceContext}, e.g. the context of the request that stored an outbox row. */
    public Uni<Void> publish(EventEnvelope envelope, Context traceContext) {
        String topic = envelope.topic();
        if (topic == null) {
            return Uni.createFrom().failure(new IllegalArgumentException(envelope.type() + " is not sent on Kafka"));
        }
        Message<String> message = Message.of(EventJson.write(envelope.data()))
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(envelope.id())
                        .withType(envelope.type())
                        .withSource(envelope.source())
                        .withSubject(envelope.subject())
                        .withTimestamp(envelope.time().atZone(ZoneOffset.UTC))
                        .withDataContentType("application/json")
                        .build())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(topic)
                        .withKey(envelope.data().key())
                        .build())
                .addMetadata(TracingMetadata.withPrevious(traceContext));
        return emitter.sendMessage(message);
    }
}
