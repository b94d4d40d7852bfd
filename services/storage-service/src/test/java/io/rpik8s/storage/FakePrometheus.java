package io.rpik8s.storage;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Serves the Prometheus instant-query API for {@code kubelet_volume_stats_*} from values a test sets. */
public final class FakePrometheus {

    private static FakePrometheus shared;

    private final HttpServer server;
    private final Map<String, long[]> volumes = new ConcurrentHashMap<>();

    private FakePrometheus() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v1/query", exchange -> {
            String query = URLDecoder.decode(exchange.getRequestURI().getRawQuery().replaceFirst("^.*query=", "")
                    .replaceFirst("&.*$", ""), StandardCharsets.UTF_8);
            StringBuilder result = new StringBuilder();
            volumes.forEach((key, v) -> {
                String[] nsName = key.split("/");
                long value = query.startsWith("kubelet_volume_stats_used_bytes") ? v[0] : v[1];
                if (!result.isEmpty()) {
                    result.append(',');
                }
                result.append("""
                        {"metric":{"__name__":"%s","namespace":"%s","persistentvolumeclaim":"%s"},\
                        "value":[1700000000.0,"%d"]}""".formatted(query, nsName[0], nsName[1], value));
            });
            byte[] body = ("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + result + "]}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public static synchronized FakePrometheus shared() {
        if (shared == null) {
            shared = new FakePrometheus();
        }
        return shared;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Sets the usage Prometheus reports for one claim. */
    public void usage(String namespace, String claim, long usedBytes, long capacityBytes) {
        volumes.put(namespace + "/" + claim, new long[] {usedBytes, capacityBytes});
    }
}
