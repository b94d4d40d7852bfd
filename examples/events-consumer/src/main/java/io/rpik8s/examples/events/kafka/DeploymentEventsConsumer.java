package io.rpik8s.examples.events.kafka;

import io.opentelemetry.api.trace.Span;
import io.rpik8s.examples.events.board.AppBoard;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.EventJson;
import io.rpik8s.model.events.PlatformEvent;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

// tag::consumer[]
/**
 * Follows {@code platform.deployments}. Records are keyed by app ({@code namespace/name}), so one app's events
 * arrive in order on one partition; the offset is committed after the event is applied (at least once), and
 * {@link AppBoard} applies each event id once.
 */
@ApplicationScoped
public class DeploymentEventsConsumer {

    private static final Logger LOG = Logger.getLogger(DeploymentEventsConsumer.class);

    private final AppBoard board;

    public DeploymentEventsConsumer(AppBoard board) {
        this.board = board;
    }

    @Incoming("deployments")
    public CompletionStage<Void> consume(Message<String> message) {
        IncomingCloudEventMetadata<?> ce = message.getMetadata(IncomingCloudEventMetadata.class).orElse(null);
        if (ce == null) {
            LOG.warn("Skipping a record without CloudEvents headers: not a platform event");
            return message.ack();
        }
        PlatformEvent data;
        try {
            data = EventJson.read(message.getPayload());
        } catch (RuntimeException e) {
            // a record that cannot be read now never will be: skip it rather than stop the partition
            LOG.warnf("Skipping event %s: %s", ce.getId(), e.getMessage());
            return message.ack();
        }
        EventEnvelope event = new EventEnvelope(ce.getId(), ce.getType(), ce.getSource(),
                ce.getSubject().orElse(data.subject()), data.timestamp(), data);
        board.apply(event, traceIdOf(message));
        return message.ack();
    }

    /** The trace of the change that caused the event: the consumer's span continues the producer's traceparent. */
    private static String traceIdOf(Message<String> message) {
        return message.getMetadata(TracingMetadata.class).map(TracingMetadata::getCurrentContext)
                .map(Span::fromContext).orElse(Span.current()).getSpanContext().getTraceId();
    }
}
// end::consumer[]
