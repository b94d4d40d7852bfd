package io.rpik8s.commons.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.rpik8s.model.events.CloudEventHeaders;
import io.rpik8s.model.events.DeploymentEvents;
import io.rpik8s.model.events.DeploymentPayload;
import io.rpik8s.model.events.EventJson;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventConsumersTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";
    private static final String CHANNEL = "platform-deployments";

    private final List<SpanData> spans = new ArrayList<>();
    private final SdkTracerProvider tracing = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
                @Override
                public CompletableResultCode export(Collection<SpanData> batch) {
                    spans.addAll(batch);
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            })).build();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EventConsumers consumers = new EventConsumers(registry, tracing.get("test"));
    private final CompletableFuture<String> acked = new CompletableFuture<>();

    @AfterEach
    void close() {
        tracing.close();
    }

    @Test
    void theHandlerGetsTheTypedEventInASpanOfTheProducersTraceAndTheRecordIsAckedAfterIt() {
        List<String> seenTraces = new ArrayList<>();
        List<String> handled = new ArrayList<>();

        consumers.consume(CHANNEL, record(scaledEvent(), "ev-1", TRACEPARENT), event -> {
            seenTraces.add(Span.current().getSpanContext().getTraceId());
            handled.add(event.envelope().id() + " " + event.envelope().data().event() + " "
                    + event.envelope().data().deployment().name() + " " + event.traceId());
            assertThat(acked).isNotDone();
            return Uni.createFrom().voidItem();
        }).await().atMost(Duration.ofSeconds(5));

        assertThat(handled).containsExactly("ev-1 deployment.scaled web " + TRACE_ID);
        assertThat(seenTraces).containsExactly(TRACE_ID);
        assertThat(acked).isCompletedWithValue("ack");
        assertThat(spans).singleElement().satisfies(s -> {
            assertThat(s.getName()).isEqualTo(CHANNEL + " process");
            assertThat(s.getTraceId()).isEqualTo(TRACE_ID);
            assertThat(s.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
        });
        assertThat(count("handled")).isEqualTo(1.0);
    }

    @Test
    void aRecordThatIsNotAPlatformEventIsSkippedAckedAndCounted() {
        List<ConsumedEvent> handled = new ArrayList<>();

        consumers.consume(CHANNEL, record("{not json", "ev-2", null), event -> {
            handled.add(event);
            return Uni.createFrom().voidItem();
        }).await().atMost(Duration.ofSeconds(5));

        assertThat(handled).isEmpty();
        assertThat(acked).isCompletedWithValue("ack");
        assertThat(count("skipped")).isEqualTo(1.0);
    }

    @Test
    void aHandlerThatFailsNacksTheRecordAndIsCounted() {
        consumers.consume(CHANNEL, record(scaledEvent(), "ev-3", TRACEPARENT),
                event -> Uni.createFrom().failure(new IllegalStateException("database down")))
                .await().atMost(Duration.ofSeconds(5));

        assertThat(acked).isCompletedWithValue("nack: database down");
        assertThat(count("failed")).isEqualTo(1.0);
        assertThat(spans).singleElement().satisfies(s -> assertThat(s.getStatus().getDescription())
                .isEqualTo("database down"));
    }

    @Test
    void aRecordWithoutTraceparentIsHandledInANewTrace() {
        List<String> traceIds = new ArrayList<>();

        consumers.consume(CHANNEL, record(scaledEvent(), "ev-4", null), event -> {
            traceIds.add(event.traceId());
            return Uni.createFrom().voidItem();
        }).await().atMost(Duration.ofSeconds(5));

        assertThat(traceIds).containsExactly((String) null);
        assertThat(spans).singleElement().satisfies(s -> assertThat(s.getParentSpanContext().isValid()).isFalse());
    }

    private double count(String outcome) {
        var counter = registry.find("platform.events.consumed").tag("channel", CHANNEL).tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static String scaledEvent() {
        return EventJson.write(DeploymentEvents.scaled(DeploymentPayload.app("web", "default", 3, "nginx:1.27",
                "container", DeploymentPayload.ORIGIN_API), 1, 3, "alice"));
    }

    private Message<String> record(String value, String id, String traceparent) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("platform.deployments", 0, 0L, "default/web",
                value);
        record.headers().add(CloudEventHeaders.ID, id.getBytes(StandardCharsets.UTF_8));
        if (traceparent != null) {
            record.headers().add(CloudEventHeaders.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        }
        return Message.of(value, () -> {
            acked.complete("ack");
            return CompletableFuture.completedFuture(null);
        }, e -> {
            acked.complete("nack: " + e.getMessage());
            return CompletableFuture.completedFuture(null);
        }).addMetadata(new IncomingKafkaRecordMetadata<>(record, CHANNEL));
    }
}
