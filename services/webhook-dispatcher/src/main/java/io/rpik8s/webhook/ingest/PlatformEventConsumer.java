package io.rpik8s.webhook.ingest;

import io.rpik8s.commons.messaging.EventConsumers;
import io.rpik8s.webhook.config.WebhookConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
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

    private final EventConsumers consumers;
    private final MessageRecorder recorder;
    private final WebhookConfig config;

    public PlatformEventConsumer(EventConsumers consumers, MessageRecorder recorder, WebhookConfig config) {
        this.consumers = consumers;
        this.recorder = recorder;
        this.config = config;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        if (!config.enabled()) {
            return Uni.createFrom().completionStage(batch::ack);
        }
        return consumers.consumeBatch(CHANNEL, batch, consumed -> {
            List<MessageRecorder.Incoming> events = consumed.stream()
                    .map(e -> MessageRecorder.Incoming.of(e.envelope(), e.traceparent())).toList();
            return recorder.recordAll(events)
                    // PostgreSQL down: keep retrying instead of acknowledging; the partitions wait, nothing is lost.
                    .onFailure().invoke(e -> LOG.warnf("Recording %d events failed, retrying: %s", events.size(),
                            e.getMessage()))
                    .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
        });
    }
}
