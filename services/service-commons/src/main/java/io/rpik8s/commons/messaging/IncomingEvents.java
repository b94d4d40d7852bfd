package io.rpik8s.commons.messaging;

import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.EventJson;
import io.rpik8s.model.events.PlatformEvent;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Reads a consumed Kafka message back into an {@link EventEnvelope}, from its CloudEvents headers and JSON value. */
public final class IncomingEvents {

    private IncomingEvents() {
    }

    /** The envelope of a message; records without CloudEvents headers get a derived id and an unknown source. */
    public static EventEnvelope envelopeOf(Message<?> message) {
        PlatformEvent data = dataOf(message.getPayload());
        Optional<IncomingCloudEventMetadata<?>> ce = message.getMetadata(IncomingCloudEventMetadata.class)
                .map(m -> (IncomingCloudEventMetadata<?>) m);
        String id = ce.<String>map(m -> m.getId())
                .orElseGet(() -> UUID.nameUUIDFromBytes(EventJson.write(data).getBytes()).toString());
        Instant time = ce.flatMap(m -> m.getTimeStamp()).map(t -> t.toInstant())
                .orElse(data.timestamp());
        return new EventEnvelope(id,
                ce.<String>map(m -> m.getType()).orElse(data.event()),
                ce.<java.net.URI>map(m -> m.getSource()).orElse(EventEnvelope.sourceOf("unknown")),
                ce.flatMap(m -> m.getSubject()).orElse(data.subject()),
                time, data);
    }

    private static PlatformEvent dataOf(Object payload) {
        if (payload instanceof PlatformEvent event) {
            return event;
        }
        if (payload instanceof byte[] bytes) {
            return EventJson.read(bytes);
        }
        return EventJson.read(String.valueOf(payload));
    }
}
