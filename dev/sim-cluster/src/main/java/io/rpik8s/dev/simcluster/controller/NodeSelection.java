package io.rpik8s.dev.simcluster.controller;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The simulated scheduler: nodeSelector and required node affinity, then the node with the fewest pods. */
final class NodeSelection {

    private NodeSelection() {
    }

    static Optional<Node> choose(Pod pod, List<Node> nodes, Map<String, Long> podsPerNode) {
        return nodes.stream()
                .filter(n -> n.getSpec() == null || !Boolean.TRUE.equals(n.getSpec().getUnschedulable()))
                .filter(n -> matches(pod, n))
                .filter(n -> podsPerNode.getOrDefault(n.getMetadata().getName(), 0L) < 110)
                .min(Comparator.<Node>comparingLong(n -> podsPerNode.getOrDefault(n.getMetadata().getName(), 0L))
                        .thenComparing(n -> n.getMetadata().getName()));
    }

    static boolean matches(Pod pod, Node node) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        Map<String, String> selector = pod.getSpec().getNodeSelector();
        if (selector != null) {
            for (Map.Entry<String, String> e : selector.entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        var affinity = pod.getSpec().getAffinity();
        if (affinity == null || affinity.getNodeAffinity() == null
                || affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
            return true;
        }
        List<NodeSelectorTerm> terms = affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms();
        if (terms == null || terms.isEmpty()) {
            return true;
        }
        return terms.stream().anyMatch(t -> t.getMatchExpressions() == null
                || t.getMatchExpressions().stream().allMatch(r -> requirement(r, labels)));
    }

    private static boolean requirement(NodeSelectorRequirement r, Map<String, String> labels) {
        String value = labels.get(r.getKey());
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        return switch (r.getOperator()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            case "Gt" -> value != null && !values.isEmpty() && Long.parseLong(value) > Long.parseLong(values.get(0));
            case "Lt" -> value != null && !values.isEmpty() && Long.parseLong(value) < Long.parseLong(values.get(0));
            default -> false;
        };
    }
}
