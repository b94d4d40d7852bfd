package io.rpik8s.dev.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * The simulated series (Pi temperatures, throttling, volume stats) as a {@code /metrics} page in Prometheus' text
 * format, for a real Prometheus to scrape with {@code honor_labels} (the series keep their node/job labels).
 */
public final class SimulatedExporter implements AutoCloseable {

    private final SimulatedSeries series;
    private HttpServer server;

    public SimulatedExporter(SimulatedSeries series) {
        this.series = series;
    }

    /** Starts on a free loopback port; answers host:port. */
    public String start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", Loopback.free()), 8);
        server.createContext("/metrics", this::handle);
        server.start();
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exposition(Instant.now()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    String exposition(Instant at) {
        StringBuilder out = new StringBuilder();
        for (SimulatedSeries.Series s : series.all()) {
            // `up` belongs to the scraping Prometheus itself.
            if ("up".equals(s.labels().get("__name__"))) {
                continue;
            }
            out.append(s.labels().get("__name__")).append('{');
            boolean first = true;
            for (Map.Entry<String, String> label : s.labels().entrySet()) {
                if (label.getKey().equals("__name__")) {
                    continue;
                }
                out.append(first ? "" : ",").append(label.getKey()).append("=\"")
                        .append(label.getValue().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                first = false;
            }
            out.append("} ").append(s.value().apply(at)).append('\n');
        }
        return out.toString();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }
}
