package io.rpik8s.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A real webhook receiver on loopback (JDK HttpServer) that records requests and answers scripted statuses. */
public final class TestReceiver implements AutoCloseable {

    /** One received request. */
    public record Received(Instant at, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** A scripted answer. */
    record Answer(int status, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private volatile Answer fallback = new Answer(200, Map.of());
    private volatile long delayMs;

    public TestReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(Instant.now(), Map.copyOf(exchange.getRequestHeaders()), body));
            if (delayMs > 0) {
                try {
                    Thread.sleep(delayMs); // a slow receiver: each of its 4 threads answers after the delay
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Answer a = script.poll();
            if (a == null) {
                a = fallback;
            }
            a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] out = ("status " + a.status()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(a.status(), out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    TestReceiver then(int status, Map<String, String> headers) {
        script.add(new Answer(status, headers));
        return this;
    }

    TestReceiver then(int status) {
        return then(status, Map.of());
    }

    TestReceiver otherwise(int status) {
        fallback = new Answer(status, Map.of());
        return this;
    }

    /** Answers every request only after {@code delay}. */
    public TestReceiver answeringAfter(java.time.Duration delay) {
        delayMs = delay.toMillis();
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
