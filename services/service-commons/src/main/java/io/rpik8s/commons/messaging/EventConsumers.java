package io.rpik8s.commons.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.rpik8s.commons.tracing.TraceContext;
import io.rpik8s.model.events.CloudEventHeaders;
import io.rpik8s.model.events.EventEnvelope;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The skeleton of every platform-event consumer: decodes the CloudEvent of a Kafka record, skips (and counts) a
 * record that is not a platform event rather than block its partition, runs the handler in a span whose parent is
 * the producer's, counts what was handled and what failed ({@code platform.events.consumed}, tags {@code channel}
 * and {@code outcome}), and acknowledges a record only once its handler completed (nacks it when it failed).
 */
@ApplicationScoped
public class EventConsumers {

    private static final Logger LOG = Logger.getLogger(EventConsumers.class);

    private final MeterRegistry registry;
    private final Tracer tracer;

    public EventConsumers(MeterRegistry registry, Tracer tracer) {
        this.registry = registry;
        this.tracer = tracer;
    }

    /** Handles one record: {@code handler} gets the event with the producer's span as its parent. */
    public Uni<Void> consume(String channel, Message<?> message, Function<ConsumedEvent, Uni<?>> handler) {
        Optional<ConsumedEvent> event = decode(channel, message);
        if (event.isEmpty()) {
            return Uni.createFrom().completionStage(message::ack);
        }
        Span span = tracer.spanBuilder(channel + " process").setParent(event.get().parent())
                .setSpanKind(SpanKind.CONSUMER).setAttribute("messaging.message.id", event.get().envelope().id())
                .startSpan();
        Uni<?> handled;
        try (Scope ignored = span.makeCurrent()) {
            handled = handler.apply(event.get());
        } catch (RuntimeException e) {
            handled = Uni.createFrom().failure(e);
        }
        return handled
                .onItem().transformToUni(x -> {
                    count(channel, "handled", 1);
                    span.end();
                    return Uni.createFrom().completionStage(message::ack);
                })
                .onFailure().recoverWithUni(e -> {
                    count(channel, "failed", 1);
                    LOG.warnf("Handling event %s from %s failed: %s", event.get().envelope().id(), channel,
                            e.getMessage());
                    span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
                    span.end();
                    return Uni.createFrom().completionStage(() -> message.nack(e));
                });
    }

    /**
     * Handles a poll's records together: {@code handler} gets the platform events among them (each with its
     * traceparent) and the batch is acknowledged once it completed, nacked when it failed.
     */
    public Uni<Void> consumeBatch(String channel, KafkaRecordBatch<?, ?> batch,
            Function<List<ConsumedEvent>, Uni<?>> handler) {
        List<ConsumedEvent> events = new ArrayList<>();
        for (KafkaRecord<?, ?> record : batch) {
            decode(channel, record).ifPresent(events::add);
        }
        if (events.isEmpty()) {
            return Uni.createFrom().completionStage(batch::ack);
        }
        Uni<?> handled;
        try {
            handled = handler.apply(events);
        } catch (RuntimeException e) {
            handled = Uni.createFrom().failure(e);
        }
        return handled
                .onItem().transformToUni(x -> {
                    count(channel, "handled", events.size());
                    return Uni.createFrom().completionStage(batch::ack);
                })
                .onFailure().recoverWithUni(e -> {
                    count(channel, "failed", events.size());
                    LOG.warnf("Handling %d events from %s failed: %s", events.size(), channel, e.getMessage());
                    return Uni.createFrom().completionStage(() -> batch.nack(e));
                });
    }

    /** The platform event of a record; empty (logged and counted as skipped) when it is not one. */
    public Optional<ConsumedEvent> decode(String channel, Message<?> message) {
        try {
            Headers headers = headersOf(message);
            EventEnvelope envelope = IncomingEvents.envelopeOf(message);
            // Records of a batch carry their ce_* headers but no CloudEvents metadata: take the id from the header.
            String id = headers == null ? null : header(headers, CloudEventHeaders.ID);
            if (id != null && !id.equals(envelope.id())) {
                envelope = new EventEnvelope(id, envelope.type(), envelope.source(), envelope.subject(),
                        envelope.time(), envelope.data());
            }
            return Optional.of(new ConsumedEvent(envelope, TraceContext.traceparentOf(headers)));
        } catch (RuntimeException e) {
            count(channel, "skipped", 1);
            LOG.warnf("Skipping a record of %s that is not a platform event: %s", channel, e.getMessage());
            return Optional.empty();
        }
    }

    private static Headers headersOf(Message<?> message) {
        if (message instanceof KafkaRecord<?, ?> record) {
            return record.getHeaders();
        }
        return message.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> m.getHeaders()).orElse(null);
    }

    private static String header(Headers headers, String name) {
        var h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private void count(String channel, String outcome, int n) {
        Counter.builder("platform.events.consumed").description("Platform events consumed from Kafka, by outcome")
                .tag("channel", channel).tag("outcome", outcome).register(registry).increment(n);
    }
}
