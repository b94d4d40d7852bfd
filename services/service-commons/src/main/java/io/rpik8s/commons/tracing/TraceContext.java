package io.rpik8s.commons.tracing;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The W3C trace context ({@code traceparent}, {@code tracestate}) written into and read back from what carries it
 * between services: Kafka record headers, webhook request headers, outbox and message rows.
 */
public final class TraceContext {

    /** The W3C header (and column) naming the trace and the parent span. */
    public static final String TRACEPARENT = "traceparent";
    /** The W3C header carrying vendor-specific trace state. */
    public static final String TRACESTATE = "tracestate";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceContext() {
    }

    /** The headers naming {@code context}'s span: empty when it has no valid span. */
    public static Map<String, String> headersOf(Context context) {
        Map<String, String> headers = new HashMap<>();
        W3C.inject(context, headers, Map::put);
        return headers;
    }

    /** The headers naming the current span. */
    public static Map<String, String> current() {
        return headersOf(Context.current());
    }

    /** The context to start a child span in: the span {@code traceparent} names, the root when null or malformed. */
    public static Context parentOf(String traceparent) {
        return parentOf(traceparent, null);
    }

    /** As {@link #parentOf(String)}, with the trace state that came with it (null if none). */
    public static Context parentOf(String traceparent, String tracestate) {
        if (traceparent == null) {
            return Context.root();
        }
        Map<String, String> carrier = new HashMap<>();
        carrier.put(TRACEPARENT, traceparent);
        if (tracestate != null) {
            carrier.put(TRACESTATE, tracestate);
        }
        return W3C.extract(Context.root(), carrier, GETTER);
    }

    /** The {@code traceparent} of a Kafka record's headers, null if it has none. */
    public static String traceparentOf(Headers headers) {
        Header header = headers == null ? null : headers.lastHeader(TRACEPARENT);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The trace id of a {@code traceparent} ({@code 00-<trace-id>-<span-id>-<flags>}), null when it is not one. */
    public static String traceIdOf(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        String[] parts = traceparent.split("-");
        return parts.length >= 3 && !parts[1].isEmpty() ? parts[1] : null;
    }
}
