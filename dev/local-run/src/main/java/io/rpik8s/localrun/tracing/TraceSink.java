package io.rpik8s.localrun.tracing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An OTLP/HTTP endpoint that accepts and discards trace exports. With it the services keep tracing — so trace
 * context still travels in Kafka headers and webhook requests — without a collector and without retry noise when
 * the user has not configured one ({@code OTEL_EXPORTER_OTLP_ENDPOINT}).
 */
public final class TraceSink implements AutoCloseable {

    private final HttpServer server;
    private final AtomicLong exports = new AtomicLong();
    private volatile Consumer<byte[]> recorder = body -> { };

    private TraceSink(HttpServer server) {
        this.server = server;
    }

    public static TraceSink start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            TraceSink sink = new TraceSink(server);
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                sink.exports.incrementAndGet();
                sink.recorder.accept(body);
                // An empty body is a valid, empty ExportTraceServiceResponse in protobuf.
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return sink;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
