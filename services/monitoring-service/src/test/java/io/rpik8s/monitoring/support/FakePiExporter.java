package io.rpik8s.monitoring.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Raspberry Pi exporter the test controls: serves {@code /metrics} in the Prometheus text format with per-node SoC
 * temperature and throttling bitmask, and {@code /healthz} as a live service for the health probes.
 */
public final class FakePiExporter implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, Double> temperatures = new ConcurrentHashMap<>();
    private final Map<String, Long> throttled = new ConcurrentHashMap<>();
    private final Map<String, Double> hwmon = new ConcurrentHashMap<>();

    public FakePiExporter() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/metrics", exchange -> {
            byte[] body = exposition().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/healthz", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("ok".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String address() {
        return "127.0.0.1:" + port();
    }

    public void temperature(String node, double celsius) {
        temperatures.put(node, celsius);
    }

    public void hwmonTemperature(String node, double celsius) {
        hwmon.put(node, celsius);
    }

    public void throttled(String node, long bits) {
        throttled.put(node, bits);
    }

    /** Stops reporting anything for {@code node}. */
    public void forget(String node) {
        temperatures.remove(node);
        throttled.remove(node);
        hwmon.remove(node);
    }

    private String exposition() {
        StringBuilder out = new StringBuilder();
        out.append("# TYPE node_thermal_zone_temp gauge\n");
        new TreeMap<>(temperatures).forEach((node, t) -> {
            out.append("node_thermal_zone_temp{node=\"").append(node).append("\",zone=\"0\",type=\"cpu-thermal\"} ")
                    .append(t).append('\n');
            // A cooler second zone: the service must take the hottest.
            out.append("node_thermal_zone_temp{node=\"").append(node).append("\",zone=\"1\",type=\"gpu-thermal\"} ")
                    .append(t - 5).append('\n');
        });
        out.append("# TYPE node_hwmon_temp_celsius gauge\n");
        new TreeMap<>(hwmon).forEach((node, t) -> out.append("node_hwmon_temp_celsius{node=\"").append(node)
                .append("\",chip=\"cpu_thermal\",sensor=\"temp1\"} ").append(t).append('\n'));
        out.append("# TYPE rpi_throttled_status gauge\n");
        new TreeMap<>(throttled).forEach((node, b) -> out.append("rpi_throttled_status{node=\"").append(node)
                .append("\"} ").append(b).append('\n'));
        return out.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
