package io.rpik8s.monitoring.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.model.api.ProblemType;
import io.rpik8s.monitoring.config.MonitoringConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Talks to Prometheus' HTTP API (read endpoints only) through the service's shared Vert.x web client, and turns its
 * failures into the platform's problems: not configured → 503, unreachable → 503, too slow → 504, bad PromQL → 400.
 */
@ApplicationScoped
public class PrometheusClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private final WebClient http;
    private final Optional<URI> base;
    private final Duration timeout;
    private final ObjectMapper json;

    @Inject
    public PrometheusClient(MonitoringConfig config, ObjectMapper json, WebClient http) {
        this(http, config.prometheus().url(), config.prometheus().timeout(), json);
    }

    PrometheusClient(WebClient http, Optional<String> url, Duration timeout, ObjectMapper json) {
        this.http = http;
        this.base = url.filter(u -> !u.isBlank()).map(u -> URI.create(u.endsWith("/") ? u : u + "/"));
        this.timeout = timeout;
        this.json = json;
    }

    public boolean configured() {
        return base.isPresent();
    }

    /** Calls {@code /api/v1/<endpoint>} with {@code params} and returns Prometheus' whole JSON answer. */
    public Uni<JsonNode> get(String endpoint, Map<String, String> params) {
        if (base.isEmpty()) {
            return Uni.createFrom().failure(ApiProblem.unavailable(
                    "Prometheus is not configured (set platform.monitoring.prometheus.url)", 60, null));
        }
        String query = params.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI uri = base.get().resolve("api/v1/" + endpoint + "?" + query);
        // Vert.x's request timeout only ends a silent exchange (and frees its connection); the deadline after it bounds
        // the whole answer, connecting included.
        return http.getAbs(uri.toString()).connectTimeout(CONNECT_TIMEOUT.toMillis()).timeout(timeout.toMillis())
                .send()
                .ifNoItem().after(timeout).failWith(TimeoutException::new)
                .onFailure().transform(this::problemOf)
                .map(this::answerOf);
    }

    /** Runs an instant query and returns its vector (an empty list for any other result type). */
    public Uni<List<PrometheusSample>> instantVector(String promql) {
        return get("query", Map.of("query", promql)).map(PrometheusClient::samplesOf);
    }

    private JsonNode answerOf(HttpResponse<Buffer> response) {
        JsonNode body;
        try {
            String text = response.bodyAsString();
            body = json.readTree(text == null ? "" : text);
        } catch (Exception e) {
            throw ApiProblem.unavailable("Prometheus answered HTTP " + response.statusCode() + " without JSON", 30,
                    e);
        }
        if ("success".equals(body.path("status").asText())) {
            return body;
        }
        String errorType = body.path("errorType").asText("");
        String error = body.path("error").asText("unknown error");
        if ("timeout".equals(errorType) || "canceled".equals(errorType)) {
            throw new ApiProblem(ProblemType.UPSTREAM_TIMEOUT, "Prometheus did not finish the query in time: " + error,
                    List.of(), 5, null);
        }
        if ("bad_data".equals(errorType) || "execution".equals(errorType) || response.statusCode() == 400
                || response.statusCode() == 422) {
            throw ApiProblem.invalid("query", error);
        }
        throw ApiProblem.unavailable("Prometheus failed: " + error, 30, null);
    }

    private Throwable problemOf(Throwable t) {
        if (t instanceof ApiProblem) {
            return t;
        }
        // Vert.x reports a connect, idle or deadline timeout alike; a slow connect was a timeout with the JDK too.
        if (t instanceof TimeoutException) {
            return new ApiProblem(ProblemType.UPSTREAM_TIMEOUT,
                    "Prometheus did not answer within " + timeout.toMillis() + " ms", List.of(), 5, t);
        }
        // Netty's AnnotatedConnectException is a ConnectException: keep the name operators know.
        String reason = t instanceof ConnectException ? "ConnectException" : t.getClass().getSimpleName();
        return ApiProblem.unavailable("Prometheus cannot be reached at " + base.map(URI::toString).orElse("?") + ": "
                + reason, 30, t);
    }

    static List<PrometheusSample> samplesOf(JsonNode body) {
        JsonNode data = body.path("data");
        if (!"vector".equals(data.path("resultType").asText())) {
            return List.of();
        }
        List<PrometheusSample> samples = new ArrayList<>();
        for (JsonNode series : data.path("result")) {
            Map<String, String> labels = new LinkedHashMap<>();
            series.path("metric").fields().forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
            double value;
            try {
                value = Double.parseDouble(series.path("value").path(1).asText());
            } catch (NumberFormatException e) {
                continue;
            }
            samples.add(new PrometheusSample(new HashMap<>(labels), value));
        }
        return samples;
    }
}
