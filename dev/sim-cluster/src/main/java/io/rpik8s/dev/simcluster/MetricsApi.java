package io.rpik8s.dev.simcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/** Simulated {@code metrics.k8s.io/v1beta1} usage (what metrics-server would report) so {@code kubectl top} works. */
final class MetricsApi {

    private final ObjectMapper json;

    MetricsApi(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode nodeMetrics(JsonNode node, List<JsonNode> podsOnNode, Instant now) {
        String name = node.path("metadata").path("name").asText();
        long cpu = 180 + 35L * podsOnNode.size() + wobble(name, now, 120);
        long memoryMi = 650 + 70L * podsOnNode.size() + wobble(name + "m", now, 90);
        ObjectNode m = base("NodeMetrics", name, null, now);
        ObjectNode usage = m.putObject("usage");
        usage.put("cpu", cpu * 1_000_000 + "n");
        usage.put("memory", memoryMi * 1024 + "Ki");
        return m;
    }

    ObjectNode podMetrics(JsonNode pod, Instant now) {
        String name = pod.path("metadata").path("name").asText();
        ObjectNode m = base("PodMetrics", name, pod.path("metadata").path("namespace").asText(), now);
        ArrayNode containers = m.putArray("containers");
        for (JsonNode c : pod.path("spec").path("containers")) {
            ObjectNode entry = containers.addObject();
            entry.put("name", c.path("name").asText());
            ObjectNode usage = entry.putObject("usage");
            usage.put("cpu", (4 + wobble(name + c.path("name").asText(), now, 40)) * 1_000_000 + "n");
            usage.put("memory", (24 + Math.abs((name + "mem").hashCode()) % 100) * 1024 + "Ki");
        }
        return m;
    }

    ObjectNode list(String kind, List<ObjectNode> items) {
        ObjectNode list = json.createObjectNode();
        list.put("kind", kind);
        list.put("apiVersion", "metrics.k8s.io/v1beta1");
        list.putObject("metadata");
        ArrayNode array = list.putArray("items");
        items.forEach(array::add);
        return list;
    }

    private ObjectNode base(String kind, String name, String namespace, Instant now) {
        ObjectNode m = json.createObjectNode();
        m.put("kind", kind);
        m.put("apiVersion", "metrics.k8s.io/v1beta1");
        ObjectNode meta = m.putObject("metadata");
        meta.put("name", name);
        if (namespace != null) {
            meta.put("namespace", namespace);
        }
        meta.putObject("labels").put("rpi-k8s.io/simulated", "true");
        meta.put("creationTimestamp", now.toString());
        m.put("timestamp", now.minusSeconds(5).toString());
        m.put("window", "15s");
        return m;
    }

    /** A deterministic value in [0, range) that drifts slowly with time. */
    private static long wobble(String key, Instant now, int range) {
        double phase = (key.hashCode() & 0xffff) / 65535.0 * Math.PI * 2;
        double v = (Math.sin(now.getEpochSecond() / 60.0 + phase) + 1) / 2;
        return (long) (v * range);
    }
}
