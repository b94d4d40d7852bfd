package io.rpik8s.dev.simcluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Cell values computed as kubectl's printers compute them (node status and roles, pod readiness, ports...). */
final class TableCells {

    private TableCells() {
    }

    static String nodeStatus(JsonNode node) {
        String ready = "Unknown";
        for (JsonNode c : node.path("status").path("conditions")) {
            if ("Ready".equals(c.path("type").asText())) {
                ready = "True".equals(c.path("status").asText()) ? "Ready" : "NotReady";
            }
        }
        return node.path("spec").path("unschedulable").asBoolean(false) ? ready + ",SchedulingDisabled" : ready;
    }

    static String nodeRoles(JsonNode node) {
        TreeSet<String> roles = new TreeSet<>();
        Iterator<String> names = node.path("metadata").path("labels").fieldNames();
        while (names.hasNext()) {
            String label = names.next();
            if (label.startsWith("node-role.kubernetes.io/")) {
                roles.add(label.substring("node-role.kubernetes.io/".length()));
            }
        }
        return roles.isEmpty() ? "<none>" : String.join(",", roles);
    }

    static String internalIp(JsonNode node) {
        for (JsonNode a : node.path("status").path("addresses")) {
            if ("InternalIP".equals(a.path("type").asText())) {
                return a.path("address").asText();
            }
        }
        return "<none>";
    }

    static String podReady(JsonNode pod) {
        int total = pod.path("spec").path("containers").size();
        int ready = 0;
        for (JsonNode cs : pod.path("status").path("containerStatuses")) {
            if (cs.path("ready").asBoolean(false)) {
                ready++;
            }
        }
        return ready + "/" + total;
    }

    /** The STATUS column as kubectl computes it: a waiting or terminated reason wins over the phase. */
    static String podStatus(JsonNode pod) {
        if (pod.path("metadata").hasNonNull("deletionTimestamp")) {
            return "Terminating";
        }
        String reason = pod.path("status").path("reason").asText(pod.path("status").path("phase").asText("Pending"));
        for (JsonNode cs : pod.path("status").path("containerStatuses")) {
            JsonNode waiting = cs.path("state").path("waiting");
            JsonNode terminated = cs.path("state").path("terminated");
            if (waiting.hasNonNull("reason") && !"ContainerCreating".equals(reason)) {
                reason = waiting.path("reason").asText();
            } else if (terminated.hasNonNull("reason")) {
                reason = terminated.path("reason").asText();
            }
        }
        return reason;
    }

    static String podRestarts(JsonNode pod) {
        int restarts = 0;
        for (JsonNode cs : pod.path("status").path("containerStatuses")) {
            restarts += cs.path("restartCount").asInt(0);
        }
        return String.valueOf(restarts);
    }

    static String containers(JsonNode template, String field) {
        List<String> values = new ArrayList<>();
        template.path("spec").path("containers").forEach(c -> values.add(c.path(field).asText()));
        return String.join(",", values);
    }

    static String selector(JsonNode labels) {
        if (labels.isMissingNode() || labels.isEmpty()) {
            return "<none>";
        }
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            parts.add(e.getKey() + "=" + e.getValue().asText());
        }
        return String.join(",", parts);
    }

    static String servicePorts(JsonNode svc) {
        List<String> ports = new ArrayList<>();
        for (JsonNode p : svc.path("spec").path("ports")) {
            String port = p.path("port").asText();
            if (p.has("nodePort")) {
                port += ":" + p.path("nodePort").asText();
            }
            ports.add(port + "/" + p.path("protocol").asText("TCP"));
        }
        return ports.isEmpty() ? "<none>" : String.join(",", ports);
    }

    static String accessModes(JsonNode modes) {
        List<String> short_ = new ArrayList<>();
        for (JsonNode m : modes) {
            short_.add(switch (m.asText()) {
                case "ReadWriteOnce" -> "RWO";
                case "ReadOnlyMany" -> "ROX";
                case "ReadWriteMany" -> "RWX";
                case "ReadWriteOncePod" -> "RWOP";
                default -> m.asText();
            });
        }
        return String.join(",", short_);
    }
}
