package io.rpik8s.webhook.ingest;

import io.rpik8s.commons.messaging.IncomingEvents;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.webhook.config.WebhookConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes platform.deployments, platform.alerts and platform.storage a poll at a time. A batch is acknowledged only
 * after its messages and deliveries are committed in PostgreSQL (one statement per batch); with auto-commit off and
 * the throttled commit strategy its offsets are committed only then, so a crash at any point makes Kafka redeliver it
 * (and recording it again is a no-op).
 */
@ApplicationScoped
public class PlatformEventConsumer {

    /** The incoming channel name. */
    public static final String CHANNEL = "platform-in";

    private static final Logger LOG = Logger.getLogger(PlatformEventConsumer.class);

    private final MessageRecorder recorder;
    private final WebhookConfig config;

    public PlatformEventConsumer(MessageRecorder recorder, WebhookConfig config) {
        this.recorder = recorder;
        this.config = config;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        if (!config.enabled()) {
            return Uni.createFrom().completionStage(batch::ack);
        }
        List<MessageRecorder.Incoming> events = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch) {
            try {
                EventEnvelope event = IncomingEvents.envelopeOf(record);
                String id = header(record, "ce_id");
                if (id != null && !id.equals(event.id())) {
                    event = new EventEnvelope(id, event.type(), event.source(), event.subject(), event.time(),
                            event.data());
                }
                events.add(MessageRecorder.Incoming.of(event, header(record, "traceparent")));
            } catch (RuntimeException e) {
                // A record that is not a platform event can never be delivered: skip it rather than block the partition.
                LOG.warnf("Skipping a record that is not a platform event: %s", e.getMessage());
            }
        }
        if (events.isEmpty()) {
            return Uni.createFrom().completionStage(batch::ack);
        }
        return recorder.recordAll(events)
                // PostgreSQL down: keep retrying instead of acknowledging; the partitions wait, nothing is lost.
                .onFailure().invoke(e -> LOG.warnf("Recording %d events failed, retrying: %s", events.size(),
                        e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    private static String header(KafkaRecord<String, String> record, String name) {
        Header h = record.getHeaders().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
