package io.rpik8s.monitoring.pi;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.scheduler.Scheduled;
import io.rpik8s.monitoring.kube.ClusterCache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Node CPU and memory from the Kubernetes metrics API ({@code metrics.k8s.io}, served by metrics-server, which k3s
 * ships), refreshed on a schedule. Clusters without it simply have no entries here, and node-exporter usage is used.
 */
@ApplicationScoped
public class NodeMetricsCache {

    private static final Logger LOG = Logger.getLogger(NodeMetricsCache.class);

    private final KubernetesClient client;
    private final ClusterCache cluster;
    private volatile Map<String, NodeUsage> byNode = Map.of();

    public NodeMetricsCache(KubernetesClient client, ClusterCache cluster) {
        this.client = client;
        this.cluster = cluster;
    }

    /** The metrics API's usage of {@code node}, absent when the API is not served or does not know the node. */
    public Optional<NodeUsage> of(String node) {
        return Optional.ofNullable(byNode.get(node));
    }

    // Fabric8 calls block: the scheduler runs this method on a worker thread (it is not reactive).
    @Scheduled(every = "${platform.monitoring.prometheus.pi-refresh-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            Map<String, NodeUsage> out = new HashMap<>();
            for (NodeMetrics m : client.top().nodes().metrics().getItems()) {
                String name = m.getMetadata().getName();
                Map<String, Quantity> usage = m.getUsage() == null ? Map.of() : m.getUsage();
                Double memoryTotal = cluster.node(name).map(NodeMetricsCache::memoryCapacity).orElse(null);
                out.put(name, new NodeUsage(NodeUsage.METRICS_API, amount(usage.get("cpu")), null, memoryTotal,
                        amount(usage.get("memory"))));
            }
            byNode = Map.copyOf(out);
        } catch (RuntimeException e) {
            // 404 when no metrics-server is installed, or the API server is unreachable: fall back to Prometheus.
            LOG.debugf("Node metrics API not available: %s", e.getMessage());
            byNode = Map.of();
        }
    }

    private static Double memoryCapacity(Node node) {
        return node.getStatus() == null || node.getStatus().getCapacity() == null ? null
                : amount(node.getStatus().getCapacity().get("memory"));
    }

    private static Double amount(Quantity q) {
        return q == null ? null : q.getNumericalAmount().doubleValue();
    }
}
