package io.rpik8s.sidecar;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two HTTP peers of a sidecar in its pod, as plain JDK servers on loopback: the platform's sidecar API for app
 * default/shop (it accepts the pod's token and nothing else, and records what it is sent), and the app itself,
 * receiving callbacks. Also the pod's projected token file.
 */
public class FakePlatform implements QuarkusTestResourceLifecycleManager {

    static final String BASE = "/api/v1/sidecar/apps/default/shop";

    static final List<Received> received = new CopyOnWriteArrayList<>();
    static final List<Received> callbacks = new CopyOnWriteArrayList<>();
    static final AtomicInteger subscriptions = new AtomicInteger();
    static volatile String acceptedToken = "pod-token-1";
    static Path tokenFile;
    private static final List<OutputStream> streams = new CopyOnWriteArrayList<>();
    private HttpServer platform;
    private HttpServer app;

    /** One request as a server got it. */
    record Received(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            tokenFile = Files.createTempFile("sidecar-token", "");
            token(acceptedToken);
            platform = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            platform.createContext(BASE + "/events", this::events);
            platform.createContext(BASE + "/health", this::report);
            platform.createContext(BASE + "/custom", this::report);
            platform.start();
            app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            app.createContext("/platform-events", exchange -> {
                callbacks.add(record(exchange));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            app.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "sidecar.platform-url", "http://127.0.0.1:" + platform.getAddress().getPort(),
                "sidecar.token-file", tokenFile.toString(),
                "sidecar.callback.path", "/platform-events",
                "sidecar.callback.port", String.valueOf(app.getAddress().getPort()));
    }

    /** Writes the pod's token, as the kubelet does when it rotates it. */
    static void token(String value) {
        try {
            Files.writeString(tokenFile, value + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one server-sent event to every open stream. */
    static void emit(String id, String type, String json) {
        write("id: " + id + "\nevent: " + type + "\ndata: " + json + "\n\n");
    }

    /** Ends every open stream, as a restarting platform would. */
    static void endStreams() {
        for (OutputStream out : streams) {
            try {
                out.close();
            } catch (IOException gone) {
                // already closed by the client
            }
        }
        streams.clear();
    }

    static int openStreams() {
        return streams.size();
    }

    private void events(HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            return;
        }
        subscriptions.incrementAndGet();
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write("event: heartbeat\ndata: {}\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        streams.add(out);
    }

    private void report(HttpExchange exchange) throws IOException {
        Received request = record(exchange);
        received.add(request);
        if (!authorized(exchange)) {
            return;
        }
        byte[] body = ("{\"id\":\"evt-" + received.size() + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(202, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static boolean authorized(HttpExchange exchange) throws IOException {
        if (("Bearer " + acceptedToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return true;
        }
        byte[] body = "{\"status\":401,\"title\":\"Authentication required\"}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(401, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
        return false;
    }

    private static Received record(HttpExchange exchange) throws IOException {
        return new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static void write(String text) {
        for (OutputStream out : streams) {
            try {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException gone) {
                streams.remove(out);
            }
        }
    }

    @Override
    public void stop() {
        endStreams();
        if (platform != null) {
            platform.stop(0);
        }
        if (app != null) {
            app.stop(0);
        }
    }
}
