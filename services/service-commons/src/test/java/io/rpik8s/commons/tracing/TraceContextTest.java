package io.rpik8s.commons.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class TraceContextTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + SPAN_ID + "-01";

    @Test
    void theHeadersOfASpanNameItAndReadBackAsItsChildsParent() {
        Span span = Span.wrap(SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(),
                TraceState.builder().put("vendor", "x").build()));
        Map<String, String> headers = TraceContext.headersOf(Context.root().with(span));

        assertThat(headers).containsEntry(TraceContext.TRACEPARENT, TRACEPARENT)
                .containsEntry(TraceContext.TRACESTATE, "vendor=x");
        SpanContext parent = Span.fromContext(TraceContext.parentOf(headers.get(TraceContext.TRACEPARENT),
                headers.get(TraceContext.TRACESTATE))).getSpanContext();
        assertThat(parent.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(parent.getSpanId()).isEqualTo(SPAN_ID);
        assertThat(parent.isRemote()).isTrue();
        assertThat(parent.getTraceState().get("vendor")).isEqualTo("x");
    }

    @Test
    void noSpanWritesNoHeadersAndNoOrABrokenTraceparentReadsAsTheRoot() {
        assertThat(TraceContext.headersOf(Context.root())).isEmpty();
        assertThat(Span.fromContext(TraceContext.parentOf(null)).getSpanContext().isValid()).isFalse();
        assertThat(Span.fromContext(TraceContext.parentOf("00-nothex-xyz-01")).getSpanContext().isValid()).isFalse();
    }

    @Test
    void aKafkaRecordsTraceparentAndItsTraceId() {
        RecordHeaders headers = new RecordHeaders();
        assertThat(TraceContext.traceparentOf(headers)).isNull();
        headers.add(TraceContext.TRACEPARENT, TRACEPARENT.getBytes(StandardCharsets.UTF_8));

        assertThat(TraceContext.traceparentOf(headers)).isEqualTo(TRACEPARENT);
        assertThat(TraceContext.traceIdOf(TRACEPARENT)).isEqualTo(TRACE_ID);
        assertThat(TraceContext.traceIdOf("garbage")).isNull();
        assertThat(TraceContext.traceIdOf(null)).isNull();
    }
}
