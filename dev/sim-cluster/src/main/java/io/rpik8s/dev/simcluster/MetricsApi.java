package io.rpik8s.dev.simcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Simulated {@code metrics.k8s.io/v1beta1} usage (what metrics-server would report) so {@code kubectl top} works. */
final class MetricsApi {

    private final ObjectMapper json;
    private final ObjectStore store;

    MetricsApi(ObjectMapper json, ObjectStore store) {
        this.json = json;
        this.store = store;
    }

    /** {@code GET /apis/metrics.k8s.io/...}: the usage of the nodes or of the running pods the path names. */
    Reply answer(ResourcePath rp) {
        if (rp == null) {
            return Reply.json(404, ApiStatus.failure(json, 404, "NotFound", "not found", null, null));
        }
        Instant now = Instant.now();
        List<JsonNode> pods = store.items("/api/v1/pods").stream()
                .filter(p -> "Running".equals(p.path("status").path("phase").asText()))
                .toList();
        if ("nodes".equals(rp.plural())) {
            List<ObjectNode> result = new ArrayList<>();
            for (JsonNode node : store.items("/api/v1/nodes")) {
                String name = node.path("metadata").path("name").asText();
                if (rp.name() == null || rp.name().equals(name)) {
                    result.add(nodeMetrics(node, pods.stream()
                            .filter(p -> name.equals(p.path("spec").path("nodeName").asText())).toList(), now));
                }
            }
            if (rp.name() != null) {
                return result.isEmpty() ? Reply.json(404, ApiStatus.notFound(json, "nodes.metrics.k8s.io", rp.name()))
                        : Reply.json(200, result.get(0));
            }
            return Reply.json(200, list("NodeMetricsList", result));
        }
        List<ObjectNode> result = new ArrayList<>();
        for (JsonNode pod : pods) {
            if ((rp.namespace() == null || rp.namespace().equals(pod.path("metadata").path("namespace").asText()))
                    && (rp.name() == null || rp.name().equals(pod.path("metadata").path("name").asText()))) {
                result.add(podMetrics(pod, now));
            }
        }
        if (rp.name() != null) {
            return result.isEmpty() ? Reply.json(404, ApiStatus.notFound(json, "pods.metrics.k8s.io", rp.name()))
                    : Reply.json(200, result.get(0));
        }
        return Reply.json(200, list("PodMetricsList", result));
    }

    private ObjectNode nodeMetrics(JsonNode node, List<JsonNode> podsOnNode, Instant now) {
        String name = node.path("metadata").path("name").asText();
        long cpu = 180 + 35L * podsOnNode.size() + wobble(name, now, 120);
        long memoryMi = 650 + 70L * podsOnNode.size() + wobble(name + "m", now, 90);
        ObjectNode m = base("NodeMetrics", name, null, now);
        ObjectNode usage = m.putObject("usage");
        usage.put("cpu", cpu * 1_000_000 + "n");
        usage.put("memory", memoryMi * 1024 + "Ki");
        return m;
    }

    private ObjectNode podMetrics(JsonNode pod, Instant now) {
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

    private ObjectNode list(String kind, List<ObjectNode> items) {
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
