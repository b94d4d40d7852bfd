package io.rpik8s.monitoring.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.model.api.ProblemType;
import io.rpik8s.monitoring.config.MonitoringConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Talks to Prometheus' HTTP API (read endpoints only) with the JDK's non-blocking HTTP client, and turns its failures
 * into the platform's problems: not configured → 503, unreachable → 503, too slow → 504, bad PromQL → 400.
 */
@ApplicationScoped
public class PrometheusClient {

    private final Optional<URI> base;
    private final Duration timeout;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @jakarta.inject.Inject
    public PrometheusClient(MonitoringConfig config, ObjectMapper json) {
        this(config.prometheus().url(), config.prometheus().timeout(), json);
    }

    PrometheusClient(Optional<String> url, Duration timeout, ObjectMapper json) {
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
        HttpRequest request = HttpRequest.newBuilder(base.get().resolve("api/v1/" + endpoint + "?" + query))
                .timeout(timeout).GET().build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .onFailure().transform(this::problemOf)
                .map(this::answerOf);
    }

    /** Runs an instant query and returns its vector (an empty list for any other result type). */
    public Uni<List<PrometheusSample>> instantVector(String promql) {
        return get("query", Map.of("query", promql)).map(PrometheusClient::samplesOf);
    }

    private JsonNode answerOf(HttpResponse<String> response) {
        JsonNode body;
        try {
            body = json.readTree(response.body());
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
        Throwable cause = t.getCause() != null && !(t instanceof HttpTimeoutException) ? t.getCause() : t;
        if (t instanceof HttpTimeoutException || cause instanceof HttpTimeoutException) {
            return new ApiProblem(ProblemType.UPSTREAM_TIMEOUT,
                    "Prometheus did not answer within " + timeout.toMillis() + " ms", List.of(), 5, t);
        }
        return ApiProblem.unavailable("Prometheus cannot be reached at " + base.map(URI::toString).orElse("?") + ": "
                + cause.getClass().getSimpleName(), 30, t);
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
