package io.rpik8s.manifests;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Memory and CPU budgets of real boards: every long-running pod of the rendered manifests (Deployments,
 * StatefulSets at their replica count, DaemonSets once per node, whatever their name, so a new workload counts as
 * soon as it is in the tree) must fit the nodes' allocatable capacity, that is what is left after k3s's
 * {@code --kube-reserved}, {@code --system-reserved} and the hard eviction threshold (docs/operations.md, "Sizing").
 * Jobs run to completion at install time and are left out.
 */
final class Budgets {

    /** k3s' default hard eviction threshold, memory.available < 100Mi, is never allocatable. */
    static final long EVICTION_MI = 100;

    /** One board: its memory as Linux sees it and what k3s reserves on it (flags in docs/operations.md). */
    record Node(String name, long memoryMi, long reservedMi, double cpus, double reservedCpus) {
        long allocatableMi() {
            return memoryMi - reservedMi - EVICTION_MI;
        }

        double allocatableCpus() {
            return cpus - reservedCpus;
        }
    }

    /** A k3s server on a Pi: --kube-reserved=cpu=500m,memory=1Gi --system-reserved=cpu=250m,memory=512Mi. */
    static Node server(String name, long memoryMi) {
        return new Node(name, memoryMi, 1024 + 512, 4, 0.75);
    }

    /** A k3s agent on a Pi: --kube-reserved=cpu=200m,memory=192Mi --system-reserved=cpu=100m,memory=96Mi. */
    static Node agent(String name, long memoryMi) {
        return new Node(name, memoryMi, 192 + 96, 4, 0.3);
    }

    /** Raspberry Pi 4 (4 GB): MemTotal is about 3.7 GiB once the firmware's and GPU's share is taken. */
    static final long PI4_4GB_MI = 3700;
    /** Raspberry Pi 5 (8 GB): MemTotal about 7.7 GiB. */
    static final long PI5_8GB_MI = 7900;

    static final List<Node> FOUR_PI4 = List.of(server("pi4-server", PI4_4GB_MI), agent("pi4-agent-1", PI4_4GB_MI),
            agent("pi4-agent-2", PI4_4GB_MI), agent("pi4-agent-3", PI4_4GB_MI));
    static final List<Node> ONE_PI5 = List.of(server("pi5", PI5_8GB_MI));

    /** One pod to place: requests and limits in MiB / cores; {@code node} set for a DaemonSet's pod. */
    record Pod(String id, double requestMi, double limitMi, double requestCpu, String node) {
    }

    private Budgets() {
    }

    /** Every long-running pod of the rendered objects, DaemonSet pods once per node. */
    static List<Pod> pods(List<HasMetadata> objects, List<Node> nodes) {
        List<Pod> pods = new ArrayList<>();
        for (HasMetadata object : objects) {
            var template = Manifests.podTemplate(object);
            if (template.isEmpty() || Manifests.isBatch(object)) {
                continue;
            }
            PodSpec spec = template.get().getSpec();
            String id = Manifests.id(object);
            double[] size = {sum(spec, "requests", "memory"), sum(spec, "limits", "memory"), sum(spec, "requests", "cpu")};
            if (object instanceof DaemonSet) {
                nodes.forEach(n -> pods.add(new Pod(id + " on " + n.name(), size[0], size[1], size[2], n.name())));
            } else {
                for (int i = 0; i < replicas(object); i++) {
                    pods.add(new Pod(id + " #" + i, size[0], size[1], size[2], null));
                }
            }
        }
        return pods;
    }

    /**
     * The violations of the budget: total requests (plus one notebook's guarantee, so a user can start one) and
     * total limits within the allocatable memory, requests within the allocatable CPUs, and a placement in which no
     * node's pods' limits exceed its allocatable memory (largest pod first on the node with most room left), so
     * that no pod is OOM-killed because its neighbours grew to their limits.
     */
    static List<String> check(String what, List<HasMetadata> objects, List<Node> nodes) {
        List<Pod> pods = pods(objects, nodes);
        List<String> violations = new ArrayList<>();
        long allocatable = nodes.stream().mapToLong(Node::allocatableMi).sum();
        double cpus = nodes.stream().mapToDouble(Node::allocatableCpus).sum();
        double requests = pods.stream().mapToDouble(Pod::requestMi).sum() + notebookGuaranteeMi(objects);
        double limits = pods.stream().mapToDouble(Pod::limitMi).sum();
        double cpuRequests = pods.stream().mapToDouble(Pod::requestCpu).sum();
        if (requests > allocatable) {
            violations.add(String.format("%s: memory requests (with one notebook) %.0f MiB exceed the allocatable %d MiB",
                    what, requests, allocatable));
        }
        if (limits > allocatable) {
            violations.add(String.format("%s: memory limits %.0f MiB exceed the allocatable %d MiB", what, limits,
                    allocatable));
        }
        if (cpuRequests > cpus) {
            violations.add(String.format("%s: CPU requests %.2f exceed the allocatable %.2f cores", what, cpuRequests,
                    cpus));
        }
        violations.addAll(place(what, pods, nodes));
        return violations;
    }

    /** Totals for the test's report: requests, limits (MiB), CPU requests, allocatable (MiB). */
    static String summary(List<HasMetadata> objects, List<Node> nodes) {
        List<Pod> pods = pods(objects, nodes);
        return String.format("%d pods, memory requests %.0f MiB (+%.0f MiB for one notebook), limits %.0f MiB, "
                        + "of %d MiB allocatable; CPU requests %.2f of %.2f cores", pods.size(),
                pods.stream().mapToDouble(Pod::requestMi).sum(), notebookGuaranteeMi(objects),
                pods.stream().mapToDouble(Pod::limitMi).sum(), nodes.stream().mapToLong(Node::allocatableMi).sum(),
                pods.stream().mapToDouble(Pod::requestCpu).sum(),
                nodes.stream().mapToDouble(Node::allocatableCpus).sum());
    }

    private static List<String> place(String what, List<Pod> pods, List<Node> nodes) {
        Map<String, double[]> room = new java.util.LinkedHashMap<>();
        nodes.forEach(n -> room.put(n.name(), new double[]{n.allocatableMi(), n.allocatableMi()}));
        List<String> violations = new ArrayList<>();
        List<Pod> ordered = new ArrayList<>(pods);
        // pinned pods (DaemonSets) first, then the largest limits first
        ordered.sort(Comparator.comparing((Pod p) -> p.node() == null).thenComparing(Pod::limitMi,
                Comparator.reverseOrder()));
        for (Pod pod : ordered) {
            String node = pod.node() != null ? pod.node() : room.entrySet().stream()
                    .max(Comparator.comparingDouble(e -> e.getValue()[1])).orElseThrow().getKey();
            double[] left = room.get(node);
            left[0] -= pod.requestMi();
            left[1] -= pod.limitMi();
            if (left[0] < 0 || left[1] < 0) {
                violations.add(String.format("%s: %s (limit %.0f MiB) fits no node: %s has %.0f MiB left", what,
                        pod.id(), pod.limitMi(), node, left[1] + pod.limitMi()));
            }
        }
        return violations;
    }

    /** JupyterHub's SINGLEUSER_MEM_GUARANTEE (the request of each notebook pod it spawns), 0 without JupyterHub. */
    static double notebookGuaranteeMi(List<HasMetadata> objects) {
        return objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .map(c -> c.getData() == null ? null : c.getData().get("SINGLEUSER_MEM_GUARANTEE"))
                .filter(Objects::nonNull)
                // KubeSpawner's suffixes are powers of 1024 (K, M, G): as Kubernetes' Ki, Mi, Gi
                .mapToDouble(v -> mebibytes(new Quantity(v.endsWith("i") ? v : v + "i")))
                .max().orElse(0);
    }

    private static int replicas(HasMetadata object) {
        Integer replicas = object instanceof Deployment d ? d.getSpec().getReplicas()
                : object instanceof StatefulSet s ? s.getSpec().getReplicas() : Integer.valueOf(1);
        return replicas == null ? 1 : replicas;
    }

    /** A pod's effective size: the larger of its containers' sum and its largest init container. */
    private static double sum(PodSpec pod, String kind, String resource) {
        double total = 0;
        for (Container c : Objects.requireNonNullElse(pod.getContainers(), List.<Container>of())) {
            total += amount(c, kind, resource);
        }
        for (Container c : Objects.requireNonNullElse(pod.getInitContainers(), List.<Container>of())) {
            total = Math.max(total, amount(c, kind, resource));
        }
        return total;
    }

    private static double amount(Container container, String kind, String resource) {
        var resources = container.getResources();
        Map<String, Quantity> values = resources == null ? null
                : kind.equals("requests") ? resources.getRequests() : resources.getLimits();
        Quantity quantity = values == null ? null : values.get(resource);
        if (quantity == null) {
            return 0;
        }
        return resource.equals("memory") ? mebibytes(quantity) : Quantity.getAmountInBytes(quantity).doubleValue();
    }

    private static double mebibytes(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity).doubleValue() / (1024 * 1024);
    }
}
