package io.rpik8s.dev.prometheus;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Nodes and bound claims of the cluster the local run uses (simulated or real), read at most every few seconds, so
 * the Prometheus stand-in reports series for the objects that really exist there.
 */
public final class ClusterInventory {

    private static final Duration REFRESH = Duration.ofSeconds(5);

    private final KubernetesClient client;
    private final List<String> fallbackNodes;
    private Instant readAt = Instant.EPOCH;
    private List<SimulatedSeries.NodeInfo> nodes = List.of();
    private List<SimulatedSeries.VolumeInfo> volumes = List.of();

    public ClusterInventory(KubernetesClient client, List<String> fallbackNodes) {
        this.client = client;
        this.fallbackNodes = fallbackNodes;
    }

    public Supplier<List<SimulatedSeries.NodeInfo>> nodes() {
        return () -> {
            refresh();
            return nodes;
        };
    }

    public Supplier<List<SimulatedSeries.VolumeInfo>> volumes() {
        return () -> {
            refresh();
            return volumes;
        };
    }

    public List<String> nodeNames() {
        refresh();
        return nodes.stream().map(SimulatedSeries.NodeInfo::name).toList();
    }

    private synchronized void refresh() {
        if (Duration.between(readAt, Instant.now()).compareTo(REFRESH) < 0) {
            return;
        }
        readAt = Instant.now();
        try {
            List<SimulatedSeries.NodeInfo> n = new ArrayList<>();
            for (Node node : client.nodes().list().getItems()) {
                String ip = node.getStatus() == null || node.getStatus().getAddresses() == null ? "127.0.0.1"
                        : node.getStatus().getAddresses().stream().filter(a -> "InternalIP".equals(a.getType()))
                        .map(NodeAddress::getAddress).findFirst().orElse("127.0.0.1");
                n.add(new SimulatedSeries.NodeInfo(node.getMetadata().getName(), ip));
            }
            List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
            List<SimulatedSeries.VolumeInfo> v = new ArrayList<>();
            for (PersistentVolumeClaim pvc : client.persistentVolumeClaims().inAnyNamespace().list().getItems()) {
                if (pvc.getStatus() == null || !"Bound".equals(pvc.getStatus().getPhase())
                        || pvc.getStatus().getCapacity() == null || !pvc.getStatus().getCapacity().containsKey("storage")) {
                    continue;
                }
                long capacity = Quantity.getAmountInBytes(pvc.getStatus().getCapacity().get("storage")).longValue();
                String node = pods.stream().filter(p -> p.getSpec().getNodeName() != null && p.getSpec().getVolumes() != null
                                && p.getMetadata().getNamespace().equals(pvc.getMetadata().getNamespace())
                                && p.getSpec().getVolumes().stream().anyMatch(vol -> vol.getPersistentVolumeClaim() != null
                                && pvc.getMetadata().getName().equals(vol.getPersistentVolumeClaim().getClaimName())))
                        .map(p -> p.getSpec().getNodeName()).findFirst()
                        .orElse(n.isEmpty() ? "unknown" : n.get(Math.abs(pvc.getMetadata().getName().hashCode()) % n.size()).name());
                Instant created = pvc.getMetadata().getCreationTimestamp() == null ? Instant.now()
                        : Instant.parse(pvc.getMetadata().getCreationTimestamp());
                v.add(new SimulatedSeries.VolumeInfo(pvc.getMetadata().getNamespace(), pvc.getMetadata().getName(),
                        capacity, node, created));
            }
            nodes = n;
            volumes = v;
        } catch (RuntimeException e) {
            if (nodes.isEmpty()) {
                nodes = fallbackNodes.stream().map(name -> new SimulatedSeries.NodeInfo(name, "127.0.0.1")).toList();
            }
        }
    }
}
