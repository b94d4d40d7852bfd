package io.rpik8s.localrun.tracing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.rpik8s.localrun.Ports;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * The local run's OTLP/HTTP endpoint when no collector is configured ({@code OTEL_EXPORTER_OTLP_ENDPOINT}): the
 * services keep tracing — so trace context still travels in Kafka headers and webhook requests — without retry
 * noise, and the recent traces can be read at {@code GET /traces} and {@code GET /traces/<traceId>}. Other
 * read-only views of the local run (the events per topic) are served by the same small server.
 */
public final class TraceSink implements AutoCloseable {

    /** The OTLP/HTTP port, when free. */
    public static final int PREFERRED_PORT = 4318;
    private final HttpServer server;
    private final AtomicLong exports = new AtomicLong();
    private final AtomicLong spans = new AtomicLong();
    private final RecentTraces recent = new RecentTraces();
    private volatile Consumer<byte[]> recorder = body -> { };

    private TraceSink(HttpServer server) {
        this.server = server;
    }

    public static TraceSink start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Ports.preferred(PREFERRED_PORT)), 0);
            TraceSink sink = new TraceSink(server);
            server.createContext("/", sink::otlp);
            server.createContext("/traces", sink::traces);
            server.start();
            return sink;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void otlp(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
        }
        exports.incrementAndGet();
        recorder.accept(body);
        List<OtlpSpans.Span> read = OtlpSpans.read(body);
        spans.addAndGet(read.size());
        recent.add(read);
        // An empty body is a valid, empty ExportTraceServiceResponse in protobuf.
        exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    private void traces(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().replaceFirst("^/traces/?", "");
        Optional<String> body = id.isEmpty() ? Optional.of(recent.list()) : recent.trace(id);
        respond(exchange, body.map(b -> 200).orElse(404), body.orElse(
                "{\"title\":\"No such trace\",\"detail\":\"trace " + id.replaceAll("[^0-9a-fA-F]", "")
                        + " is not among the " + recent.size() + " recent traces (" + exports.get() + " exports, "
                        + spans.get() + " spans received)\"}"));
    }

    /** Serves {@code handler} under {@code path} on this server (read-only views of the local run). */
    public void serve(String path, HttpHandler handler) {
        server.createContext(path, handler);
    }

    /** Answers with a JSON body (problem details when {@code status} is 4xx). */
    public static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Hands every export body (OTLP protobuf) to {@code recorder} as well, for tests that inspect the spans. */
    public TraceSink recordingTo(Consumer<byte[]> recorder) {
        this.recorder = recorder;
        return this;
    }

    /** Export requests received so far. */
    public long exports() {
        return exports.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
