package io.rpik8s.model.events;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A platform event as a CloudEvents 1.0 event: the context attributes that travel as {@code ce_*} Kafka headers
 * (binary mode) and the {@link PlatformEvent} data that travels as the JSON record value.
 *
 * @param id      unique id, stable across redeliveries (webhook-id derives from it)
 * @param type    the event type, equal to {@code data.event}
 * @param source  the emitting service, e.g. {@code /rpi-k8s-platform/deployment-service}
 * @param subject the subject, e.g. {@code default/my-app}
 * @param time    the event time, equal to {@code data.timestamp}
 * @param data    the payload
 */
public record EventEnvelope(String id, String type, URI source, String subject, Instant time, PlatformEvent data) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(data, "data");
    }

    /** Wraps data emitted by {@code service} (its name, e.g. {@code deployment-service}) with a fresh id. */
    public static EventEnvelope of(String service, PlatformEvent data) {
        return new EventEnvelope(UUID.randomUUID().toString(), data.event(), sourceOf(service), data.subject(),
                data.timestamp(), data);
    }

    public static URI sourceOf(String service) {
        return URI.create("/rpi-k8s-platform/" + service);
    }

    /** The Kafka topic this envelope belongs on. */
    public String topic() {
        return EventTypes.topicOf(type);
    }
}
