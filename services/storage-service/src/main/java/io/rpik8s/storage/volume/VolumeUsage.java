package io.rpik8s.storage.volume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rpik8s.storage.config.StorageConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Volume usage from Prometheus ({@code kubelet_volume_stats_used_bytes} and {@code _capacity_bytes}), keyed by
 * {@code namespace/claim}. Only plain vector selectors: the local run's Prometheus stand-in understands nothing else.
 */
@ApplicationScoped
public class VolumeUsage {

    private static final Logger LOG = Logger.getLogger(VolumeUsage.class);

    private final StorageConfig config;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public VolumeUsage(StorageConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    /** Used and capacity bytes of one claim. */
    public record Usage(long usedBytes, long capacityBytes) {

        public double percent() {
            return capacityBytes == 0 ? 0 : Math.round(usedBytes * 10000.0 / capacityBytes) / 100.0;
        }
    }

    /** Usage of every claim Prometheus knows; empty when Prometheus is not configured or cannot be reached. */
    public Uni<Map<String, Usage>> all() {
        if (config.prometheusUrl().isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Uni.combine().all().unis(query("kubelet_volume_stats_used_bytes"),
                        query("kubelet_volume_stats_capacity_bytes"))
                .with((used, capacity) -> {
                    Map<String, Usage> usage = new HashMap<>();
                    used.forEach((k, u) -> {
                        Long c = capacity.get(k);
                        if (c != null) {
                            usage.put(k, new Usage(u, c));
                        }
                    });
                    return usage;
                })
                .onFailure().recoverWithItem(e -> {
                    // Usage is extra information: a Prometheus outage must not break listing volumes.
                    LOG.warnf("Volume usage unavailable from Prometheus: %s", e.toString());
                    return Map.of();
                });
    }

    private Uni<Map<String, Long>> query(String selector) {
        URI uri = URI.create(config.prometheusUrl().get().toString().replaceAll("/$", "") + "/api/v1/query?query="
                + URLEncoder.encode(selector, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("Prometheus answered " + response.statusCode());
                    }
                    return parse(response.body());
                });
    }

    private Map<String, Long> parse(String body) {
        Map<String, Long> values = new HashMap<>();
        try {
            for (JsonNode sample : json.readTree(body).path("data").path("result")) {
                JsonNode metric = sample.path("metric");
                String key = metric.path("namespace").asText() + "/" + metric.path("persistentvolumeclaim").asText();
                values.put(key, (long) Double.parseDouble(sample.path("value").path(1).asText("0")));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Prometheus answer is not JSON", e);
        }
        return values;
    }
}
