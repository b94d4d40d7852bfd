package io.rpik8s.dev.prometheus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP server speaking the part of Prometheus's HTTP API the services use ({@code /api/v1/query},
 * {@code /api/v1/query_range} by GET or form POST, {@code /-/ready}, {@code /-/healthy},
 * {@code /api/v1/status/buildinfo}) over simulated series, in Prometheus's exact JSON shapes. It evaluates plain
 * vector selectors only and answers anything else with Prometheus's 400 {@code bad_data} error.
 */
public final class PrometheusStandIn implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PrometheusStandIn.class);
    private static final int MAX_POINTS = 11_000;

    private final SimulatedSeries series;
    private final ObjectMapper json = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private HttpServer server;
    private ExecutorService executor;

    public PrometheusStandIn(SimulatedSeries series) {
        this.series = series;
    }

    public String start(int preferredPort) throws IOException {
        int port = Loopback.preferred(preferredPort);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 32);
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "prometheus-stand-in");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            try {
                Map<String, String> params = params(exchange);
                switch (path) {
                    case "/-/ready" -> text(exchange, 200, "Prometheus Server is Ready.\n");
                    case "/-/healthy" -> text(exchange, 200, "Prometheus Server is Healthy.\n");
                    case "/api/v1/status/buildinfo" -> json(exchange, 200, buildInfo());
                    case "/api/v1/query" -> json(exchange, 200, instant(params));
                    case "/api/v1/query_range" -> json(exchange, 200, range(params));
                    default -> text(exchange, 404, "404 page not found\n");
                }
            } catch (BadData e) {
                json(exchange, 400, error("bad_data", e.getMessage()));
            } catch (RuntimeException e) {
                LOG.debug("Prometheus stand-in failure", e);
                json(exchange, 500, error("internal", String.valueOf(e.getMessage())));
            }
        }
    }

    private ObjectNode error(String type, String message) {
        ObjectNode error = json.createObjectNode();
        error.put("status", "error");
        error.put("errorType", type);
        error.put("error", message);
        return error;
    }

    private static final class BadData extends Exception {
        BadData(String message) {
            super(message);
        }
    }

    private ObjectNode instant(Map<String, String> params) throws BadData {
        Selector selector = selector(params);
        Instant at = params.containsKey("time") ? time(params.get("time"), "time") : Instant.now();
        ObjectNode body = success();
        ObjectNode data = body.putObject("data");
        data.put("resultType", "vector");
        ArrayNode result = data.putArray("result");
        for (SimulatedSeries.Series s : series.all()) {
            if (selector.matches(s.labels())) {
                ObjectNode sample = result.addObject();
                sample.set("metric", metric(s.labels()));
                ArrayNode value = sample.putArray("value");
                value.add(seconds(at));
                value.add(format(s.value().apply(at)));
            }
        }
        return body;
    }

    private ObjectNode range(Map<String, String> params) throws BadData {
        Selector selector = selector(params);
        Instant start = time(required(params, "start"), "start");
        Instant end = time(required(params, "end"), "end");
        double step = duration(required(params, "step"));
        if (end.isBefore(start)) {
            throw new BadData("invalid parameter \"end\": end timestamp must not be before start time");
        }
        if (step <= 0) {
            throw new BadData("invalid parameter \"step\": zero or negative query resolution step widths are not accepted. "
                    + "Try a positive integer");
        }
        double span = (end.toEpochMilli() - start.toEpochMilli()) / 1000.0;
        if (span / step > MAX_POINTS) {
            throw new BadData("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query "
                    + "resolution (?step=XX)");
        }
        ObjectNode body = success();
        ObjectNode data = body.putObject("data");
        data.put("resultType", "matrix");
        ArrayNode result = data.putArray("result");
        long stepMillis = Math.round(step * 1000);
        for (SimulatedSeries.Series s : series.all()) {
            if (selector.matches(s.labels())) {
                ObjectNode stream = result.addObject();
                stream.set("metric", metric(s.labels()));
                ArrayNode values = stream.putArray("values");
                for (long t = start.toEpochMilli(); t <= end.toEpochMilli(); t += stepMillis) {
                    Instant at = Instant.ofEpochMilli(t);
                    ArrayNode point = values.addArray();
                    point.add(seconds(at));
                    point.add(format(s.value().apply(at)));
                }
            }
        }
        return body;
    }

    private Selector selector(Map<String, String> params) throws BadData {
        try {
            return Selector.parse(params.get("query"));
        } catch (Selector.ParseException e) {
            throw new BadData("invalid parameter \"query\": " + e.getMessage());
        }
    }

    private ObjectNode metric(Map<String, String> labels) {
        ObjectNode metric = json.createObjectNode();
        labels.forEach(metric::put);
        return metric;
    }

    private ObjectNode buildInfo() {
        ObjectNode body = success();
        ObjectNode data = body.putObject("data");
        data.put("version", "2.53.3");
        data.put("revision", "simulated-by-rpi-k8s-local-run");
        data.put("branch", "HEAD");
        data.put("buildUser", "local-run@rpi-k8s-platform");
        data.put("buildDate", "20260101-00:00:00");
        data.put("goVersion", "go1.22.12");
        return body;
    }

    private ObjectNode success() {
        ObjectNode body = json.createObjectNode();
        body.put("status", "success");
        return body;
    }

    private static String required(Map<String, String> params, String name) throws BadData {
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            throw new BadData("invalid parameter \"" + name + "\": cannot parse \"\" to a valid timestamp");
        }
        return value;
    }

    static Instant time(String value, String name) throws BadData {
        try {
            BigDecimal seconds = new BigDecimal(value);
            return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
        } catch (NumberFormatException e) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e2) {
                throw new BadData("invalid parameter \"" + name + "\": cannot parse \"" + value + "\" to a valid timestamp");
            }
        }
    }

    static double duration(String value) throws BadData {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)").matcher(value);
            double total = 0;
            int end = 0;
            while (m.find() && m.start() == end) {
                long n = Long.parseLong(m.group(1));
                total += switch (m.group(2)) {
                    case "ms" -> n / 1000.0;
                    case "s" -> n;
                    case "m" -> n * 60;
                    case "h" -> n * 3600;
                    case "d" -> n * 86400;
                    case "w" -> n * 604800;
                    default -> n * 31536000;
                };
                end = m.end();
            }
            if (end == 0 || end != value.length()) {
                throw new BadData("invalid parameter \"step\": cannot parse \"" + value + "\" to a valid duration");
            }
            return total;
        }
    }

    private static BigDecimal seconds(Instant at) {
        return BigDecimal.valueOf(at.toEpochMilli()).movePointLeft(3).stripTrailingZeros();
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private Map<String, String> params(HttpExchange exchange) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        parseForm(exchange.getRequestURI().getRawQuery(), params);
        if ("POST".equals(exchange.getRequestMethod())) {
            parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), params);
        }
        return params;
    }

    private static void parseForm(String form, Map<String, String> into) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            into.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
    }

    private void json(HttpExchange exchange, int code, ObjectNode body) throws IOException {
        send(exchange, code, "application/json", json.writeValueAsBytes(body));
    }

    private static void text(HttpExchange exchange, int code, String body) throws IOException {
        send(exchange, code, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int code, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("X-Rpi-K8s-Simulated", "true");
        exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
