package io.rpik8s.localrun.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The local run's trace view reads OTLP exports as the services send them and groups the spans by trace. */
class RecentTracesTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void spansOfTwoServicesShowAsOneTraceWithItsRoot() throws Exception {
        RecentTraces traces = new RecentTraces();
        traces.add(OtlpSpans.read(export("deployment-service", span("00f067aa0ba902b7", "", "POST /api/v1/deployments",
                1_000_000_000L, 1_250_000_000L, "http.route", "/api/v1/deployments"))));
        traces.add(OtlpSpans.read(export("monitoring-service", span("b7ad6b7169203331", "00f067aa0ba902b7",
                "platform.deployments receive", 1_100_000_000L, 1_120_000_000L, "messaging.system", "kafka"))));
        traces.add(OtlpSpans.read(new byte[] {0x0a, 0x7f, 0x01})); // truncated: ignored

        JsonNode list = new ObjectMapper().readTree(traces.list());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("traceId").asText()).isEqualTo(TRACE);
        assertThat(list.get(0).get("root").asText()).isEqualTo("deployment-service: POST /api/v1/deployments");
        assertThat(list.get(0).get("spans").asInt()).isEqualTo(2);
        assertThat(list.get(0).get("durationMicros").asLong()).isEqualTo(250_000);

        JsonNode spans = new ObjectMapper().readTree(traces.trace(TRACE).orElseThrow());
        assertThat(spans.findValuesAsText("service")).containsExactly("deployment-service", "monitoring-service");
        assertThat(spans.get(1).get("parentSpanId").asText()).isEqualTo("00f067aa0ba902b7");
        assertThat(spans.get(1).at("/attributes/messaging.system").asText()).isEqualTo("kafka");
        assertThat(traces.trace("0000")).isEmpty();
    }

    @Test
    void aLongAttributeValueIsCutAndSaysHowLongItWas() throws Exception {
        String sql = "INSERT INTO delivery (message_id, endpoint_id) SELECT " + "x, ".repeat(300) + "y";
        RecentTraces traces = new RecentTraces();
        traces.add(OtlpSpans.read(export("webhook-dispatcher", span("00f067aa0ba902b7", "", "INSERT platform.delivery",
                1_000_000_000L, 1_010_000_000L, "db.query.text", sql))));

        String kept = new ObjectMapper().readTree(traces.trace(TRACE).orElseThrow()).get(0)
                .at("/attributes/db.query.text").asText();
        assertThat(kept).startsWith(sql.substring(0, OtlpSpans.MAX_VALUE))
                .endsWith("... (" + sql.length() + " characters)").hasSizeLessThan(sql.length());
    }

    @Test
    void aBusyRunKeepsAtMostTwentyThousandSpansDroppingTheOldestTracesFirst() throws Exception {
        RecentTraces traces = new RecentTraces();
        // 1,000 page loads of 50 spans each, as a panel under load exports them
        for (int t = 0; t < 1_000; t++) {
            String traceId = String.format("%032x", t);
            java.util.List<OtlpSpans.Span> spans = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                spans.add(new OtlpSpans.Span(traceId, String.format("%016x", i), i == 0 ? "" : "0000000000000000",
                        "control-panel", "GET /apps", t * 1_000_000L + i, t * 1_000_000L + i + 10,
                        java.util.Map.of("url.full", "http://127.0.0.1:8081/api/v1/deployments?page=" + i)));
            }
            traces.add(spans);
        }
        assertThat(traces.spans()).isEqualTo(20_000);
        assertThat(traces.size()).isEqualTo(400);
        assertThat(traces.trace(String.format("%032x", 599))).isEmpty();
        assertThat(traces.trace(String.format("%032x", 600))).isPresent();
        JsonNode newest = new ObjectMapper().readTree(traces.list()).get(0);
        assertThat(newest.get("traceId").asText()).isEqualTo(String.format("%032x", 999));
    }

    // A minimal protobuf writer for the fields the view reads (ExportTraceServiceRequest and below).

    private static byte[] export(String service, byte[] span) {
        // An attribute the view does not read (an array value, field 5) comes first, as in the SDK's exports.
        byte[] resource = concat(field(1, concat(field(1, "process.command_args".getBytes(StandardCharsets.UTF_8)),
                field(2, field(5, field(1, field(1, "java".getBytes(StandardCharsets.UTF_8))))))),
                field(1, keyValue("service.name", service)));
        byte[] scopeSpans = field(2, span);
        return field(1, concat(field(1, resource), field(2, scopeSpans)));
    }

    private static byte[] span(String spanId, String parent, String name, long start, long end, String key, String value) {
        return concat(field(1, HexFormat.of().parseHex(TRACE)), field(2, HexFormat.of().parseHex(spanId)),
                parent.isEmpty() ? new byte[0] : field(4, HexFormat.of().parseHex(parent)),
                field(5, name.getBytes(StandardCharsets.UTF_8)), fixed64(7, start), fixed64(8, end),
                field(9, keyValue(key, value)), field(15, field(2, "status".getBytes(StandardCharsets.UTF_8))));
    }

    private static byte[] keyValue(String key, String value) {
        return concat(field(1, key.getBytes(StandardCharsets.UTF_8)), field(2, field(1, value.getBytes(StandardCharsets.UTF_8))));
    }

    private static byte[] field(int number, byte[] bytes) {
        return concat(varint(number << 3 | 2), varint(bytes.length), bytes);
    }

    private static byte[] fixed64(int number, long value) {
        return concat(varint(number << 3 | 1), ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
    }

    private static byte[] varint(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((value & ~0x7fL) != 0) {
            out.write((int) (value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
