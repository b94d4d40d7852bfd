package io.rpik8s.localrun.hardening;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook receiver on loopback that records the {@code webhook-id} of every request per path, and can be switched
 * down (it then answers 503 to everything, as a receiver being redeployed would).
 */
final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, List<String>> attempts = new ConcurrentHashMap<>();
    private final Map<String, List<String>> delivered = new ConcurrentHashMap<>();
    private volatile boolean down;

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            boolean accepting = !down;
            attempts.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(id);
            if (accepting) {
                delivered.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(id);
            }
            exchange.sendResponseHeaders(accepting ? 204 : 503, -1);
            exchange.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The webhook-id of every request to {@code path}, refused ones included, in arrival order. */
    List<String> attempts(String path) {
        return List.copyOf(attempts.getOrDefault(path, List.of()));
    }

    /** The webhook-id of every request to {@code path} that was accepted (2xx), duplicates included. */
    List<String> delivered(String path) {
        return List.copyOf(delivered.getOrDefault(path, List.of()));
    }

    void down(boolean down) {
        this.down = down;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
