package io.rpik8s.localrun.tracing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the spans out of an OTLP/HTTP protobuf export ({@code ExportTraceServiceRequest}) with a few lines of the
 * protobuf wire format, so that the local run shows recent traces without the OpenTelemetry protocol classes.
 * Only the fields shown are read: the resource's {@code service.name}, and each span's ids, name, times and
 * string, int and bool attributes.
 */
public final class OtlpSpans {

    /** One span as the local run shows it. */
    public record Span(String traceId, String spanId, String parentSpanId, String service, String name,
                       long startNanos, long endNanos, Map<String, String> attributes) {

        public long durationMicros() {
            return (endNanos - startNanos) / 1000;
        }
    }

    private OtlpSpans() {
    }

    /** The spans of one export body; an unreadable body yields what was read before the damage. */
    public static List<Span> read(byte[] export) {
        List<Span> spans = new ArrayList<>();
        try {
            Reader request = new Reader(ByteBuffer.wrap(export));
            while (request.more()) {
                int field = request.tag();
                if (field == 1) { // resource_spans
                    resourceSpans(request.message(), spans);
                } else {
                    request.skip();
                }
            }
        } catch (RuntimeException e) {
            // A truncated or foreign body: keep what was read.
        }
        return spans;
    }

    private static void resourceSpans(Reader rs, List<Span> out) {
        String service = "?";
        List<Reader> scopes = new ArrayList<>();
        while (rs.more()) {
            int field = rs.tag();
            if (field == 1) { // resource
                Reader resource = rs.message();
                while (resource.more()) {
                    if (resource.tag() == 1) {
                        String[] kv = keyValue(resource.message());
                        if ("service.name".equals(kv[0])) {
                            service = kv[1];
                        }
                    } else {
                        resource.skip();
                    }
                }
            } else if (field == 2) { // scope_spans
                scopes.add(rs.message());
            } else {
                rs.skip();
            }
        }
        for (Reader scope : scopes) {
            while (scope.more()) {
                if (scope.tag() == 2) {
                    out.add(span(scope.message(), service));
                } else {
                    scope.skip();
                }
            }
        }
    }

    private static Span span(Reader s, String service) {
        String traceId = "";
        String spanId = "";
        String parent = "";
        String name = "";
        long start = 0;
        long end = 0;
        Map<String, String> attributes = new LinkedHashMap<>();
        while (s.more()) {
            switch (s.tag()) {
                case 1 -> traceId = HexFormat.of().formatHex(s.bytes());
                case 2 -> spanId = HexFormat.of().formatHex(s.bytes());
                case 4 -> parent = HexFormat.of().formatHex(s.bytes());
                case 5 -> name = new String(s.bytes(), StandardCharsets.UTF_8);
                case 7 -> start = s.fixed64();
                case 8 -> end = s.fixed64();
                case 9 -> {
                    String[] kv = keyValue(s.message());
                    attributes.put(kv[0], kv[1]);
                }
                default -> s.skip();
            }
        }
        return new Span(traceId, spanId, parent, service, name, start, end, attributes);
    }

    /**
     * Attribute values kept up to this length: the longest (SQL text, URLs with queries) are what a reader scans, and
     * thousands of whole statements filled the launcher's heap.
     */
    static final int MAX_VALUE = 256;

    /**
     * A KeyValue: key (1) and an AnyValue (2) of which string (1), bool (2), int (3) and double (4) are read. The key is
     * interned (every span repeats the same few dozen), a long value is cut at {@link #MAX_VALUE}.
     */
    private static String[] keyValue(Reader kv) {
        String key = "";
        String value = "";
        while (kv.more()) {
            int field = kv.tag();
            if (field == 1) {
                key = new String(kv.bytes(), StandardCharsets.UTF_8).intern();
            } else if (field == 2) {
                Reader any = kv.message();
                while (any.more()) {
                    switch (any.tag()) {
                        case 1 -> value = new String(any.bytes(), StandardCharsets.UTF_8);
                        case 2 -> value = String.valueOf(any.varint() != 0);
                        case 3 -> value = String.valueOf(any.varint());
                        case 4 -> value = String.valueOf(Double.longBitsToDouble(any.fixed64()));
                        default -> any.skip();
                    }
                }
            } else {
                kv.skip();
            }
        }
        if (value.length() > MAX_VALUE) {
            value = value.substring(0, MAX_VALUE) + "... (" + value.length() + " characters)";
        }
        return new String[] {key, value};
    }

    /** The protobuf wire format: varints, 64-bit fixed values and length-delimited fields. */
    private static final class Reader {
        private final ByteBuffer buffer;
        private int wireType;

        Reader(ByteBuffer buffer) {
            this.buffer = buffer.order(ByteOrder.LITTLE_ENDIAN);
        }

        boolean more() {
            return buffer.hasRemaining();
        }

        int tag() {
            long tag = varint();
            wireType = (int) (tag & 7);
            return (int) (tag >>> 3);
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = buffer.get();
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("malformed varint");
        }

        long fixed64() {
            return buffer.getLong();
        }

        byte[] bytes() {
            byte[] b = new byte[(int) varint()];
            buffer.get(b);
            return b;
        }

        Reader message() {
            int length = (int) varint();
            ByteBuffer slice = buffer.slice(buffer.position(), length);
            buffer.position(buffer.position() + length);
            return new Reader(slice);
        }

        void skip() {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> buffer.position(buffer.position() + 8);
                case 2 -> {
                    int length = (int) varint(); // read first: it moves the position
                    buffer.position(buffer.position() + length);
                }
                case 5 -> buffer.position(buffer.position() + 4);
                default -> throw new IllegalArgumentException("unsupported wire type " + wireType);
            }
        }
    }
}
