package io.rpik8s.monitoring.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.rpik8s.monitoring.kube.Nodes;
import io.rpik8s.monitoring.pi.NodeUsage;
import io.rpik8s.monitoring.pi.PiReadings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A node as the control panel shows it.
 *
 * @param name           node name
 * @param ready          whether the Ready condition is True
 * @param simulated      whether the node carries {@code rpi-k8s.io/simulated=true}
 * @param roles          roles from {@code node-role.kubernetes.io/*} labels
 * @param arch           CPU architecture
 * @param os             OS image
 * @param kubeletVersion kubelet version
 * @param internalIp     InternalIP address
 * @param conditions     every condition
 * @param capacity       capacity (cpu, memory, pods, ...)
 * @param allocatable    allocatable resources
 * @param pods           pods on the node (only in the single-node view)
 * @param usage          load and memory from node-exporter via Prometheus, when available
 * @param pi             Raspberry Pi readings from Prometheus, when there are any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeView(String name, boolean ready, boolean simulated, List<String> roles, String arch, String os,
        String kubeletVersion, String internalIp, List<Condition> conditions, Map<String, String> capacity,
        Map<String, String> allocatable, List<PodView> pods, NodeUsage usage, PiReadings pi) {

    public static final String SIMULATED_LABEL = "rpi-k8s.io/simulated";

    /** A node condition. */
    public record Condition(String type, String status, String reason, String message, String lastTransitionTime) {
    }

    /** The view without pods and Pi readings, as pushed on the stream. */
    public static NodeView brief(Node node) {
        return of(node, null, null, null);
    }

    public static NodeView of(Node node, List<PodView> pods, NodeUsage usage, PiReadings pi) {
        var meta = node.getMetadata();
        Map<String, String> labels = meta.getLabels() == null ? Map.of() : meta.getLabels();
        var status = node.getStatus();
        var info = status == null ? null : status.getNodeInfo();
        List<Condition> conditions = status == null || status.getConditions() == null ? List.of()
                : status.getConditions().stream().map(c -> new Condition(c.getType(), c.getStatus(), c.getReason(),
                        c.getMessage(), c.getLastTransitionTime())).toList();
        List<String> roles = labels.keySet().stream().filter(k -> k.startsWith("node-role.kubernetes.io/"))
                .map(k -> k.substring("node-role.kubernetes.io/".length())).sorted().toList();
        return new NodeView(meta.getName(), isReady(node), isSimulated(node), roles,
                info != null ? info.getArchitecture() : labels.get("kubernetes.io/arch"),
                info != null ? info.getOsImage() : null, info != null ? info.getKubeletVersion() : null,
                internalIp(node).orElse(null), conditions,
                quantities(status == null ? null : status.getCapacity()),
                quantities(status == null ? null : status.getAllocatable()), pods, usage, pi);
    }

    public static boolean isReady(Node node) {
        return condition(node, "Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    public static boolean isSimulated(Node node) {
        var labels = node.getMetadata().getLabels();
        return labels != null && "true".equals(labels.get(SIMULATED_LABEL));
    }

    public static Optional<NodeCondition> condition(Node node, String type) {
        return Nodes.condition(node, type);
    }

    public static Optional<String> internalIp(Node node) {
        return Nodes.internalIp(node);
    }

    private static Map<String, String> quantities(Map<String, Quantity> q) {
        Map<String, String> out = new TreeMap<>();
        if (q != null) {
            q.forEach((k, v) -> out.put(k, v.toString()));
        }
        return out;
    }
}
