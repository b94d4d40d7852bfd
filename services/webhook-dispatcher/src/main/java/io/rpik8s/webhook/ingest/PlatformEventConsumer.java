package io.rpik8s.webhook.ingest;

import io.rpik8s.commons.messaging.IncomingEvents;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.webhook.config.WebhookConfig;
import io.rpik8s.webhook.delivery.DeliveryWorker;
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
 * Consumes platform.deployments, platform.alerts and platform.storage. A record is acknowledged only after its message
 * and deliveries are committed in PostgreSQL; with auto-commit off and the throttled commit strategy its offset is
 * committed only then, so a crash at any point makes Kafka redeliver it (and recording it again is a no-op).
 */
@ApplicationScoped
public class PlatformEventConsumer {

    /** The incoming channel name. */
    public static final String CHANNEL = "platform-in";

    private static final Logger LOG = Logger.getLogger(PlatformEventConsumer.class);

    private final MessageRecorder recorder;
    private final DeliveryWorker worker;
    private final WebhookConfig config;

    public PlatformEventConsumer(MessageRecorder recorder, DeliveryWorker worker, WebhookConfig config) {
        this.recorder = recorder;
        this.worker = worker;
        this.config = config;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> message) {
        if (!config.enabled()) {
            return Uni.createFrom().completionStage(message::ack);
        }
        EventEnvelope event;
        try {
            event = IncomingEvents.envelopeOf(message);
        } catch (RuntimeException e) {
            // A record that is not a platform event can never be delivered: skip it rather than block the partition.
            LOG.warnf("Skipping a record that is not a platform event: %s", e.getMessage());
            return Uni.createFrom().completionStage(message::ack);
        }
        return recorder.record(event, traceparentOf(message))
                // PostgreSQL down: keep retrying instead of acknowledging; the partition waits, nothing is lost.
                .onFailure().invoke(e -> LOG.warnf("Recording %s failed, retrying: %s", event.id(), e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .invoke(count -> {
                    if (count > 0) {
                        worker.wake();
                    }
                })
                .chain(() -> Uni.createFrom().completionStage(message::ack));
    }

    private static String traceparentOf(Message<String> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getHeaders().lastHeader("traceparent"))
                .map(Header::value)
                .map(v -> new String(v, StandardCharsets.UTF_8))
                .orElse(null);
    }
}
