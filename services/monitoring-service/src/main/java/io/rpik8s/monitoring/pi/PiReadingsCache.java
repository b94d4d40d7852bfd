package io.rpik8s.monitoring.pi;

import io.fabric8.kubernetes.api.model.Node;
import io.quarkus.scheduler.Scheduled;
import io.rpik8s.monitoring.kube.ClusterCache;
import io.rpik8s.monitoring.kube.Nodes;
import io.rpik8s.monitoring.prometheus.PrometheusClient;
import io.rpik8s.monitoring.prometheus.PrometheusSample;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Pi temperature and throttling per Kubernetes node, refreshed from Prometheus on a schedule. Only plain vector
 * selectors are queried (any Prometheus-compatible backend answers them); the per-node aggregation happens here.
 */
@ApplicationScoped
public class PiReadingsCache {

    private static final Logger LOG = Logger.getLogger(PiReadingsCache.class);
    static final String THERMAL = "node_thermal_zone_temp";
    static final String HWMON = "node_hwmon_temp_celsius";
    static final String THROTTLED = "rpi_throttled_status";
    static final String LOAD1 = "node_load1";
    static final String MEM_TOTAL = "node_memory_MemTotal_bytes";
    static final String MEM_AVAILABLE = "node_memory_MemAvailable_bytes";

    private final PrometheusClient prometheus;
    private final ClusterCache cluster;
    private volatile Map<String, PiReadings> byNode = Map.of();
    private volatile Map<String, NodeUsage> usageByNode = Map.of();

    public PiReadingsCache(PrometheusClient prometheus, ClusterCache cluster) {
        this.prometheus = prometheus;
        this.cluster = cluster;
    }

    /** The readings of {@code node}, absent when Prometheus is not configured or has nothing for it. */
    public Optional<PiReadings> of(String node) {
        return Optional.ofNullable(byNode.get(node));
    }

    /** CPU load and memory of {@code node} from node-exporter, when Prometheus has them. */
    public Optional<NodeUsage> usageOf(String node) {
        return Optional.ofNullable(usageByNode.get(node));
    }

    @Scheduled(every = "${platform.monitoring.prometheus.pi-refresh-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        if (!prometheus.configured()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.combine().all().unis(prometheus.instantVector(THERMAL), prometheus.instantVector(HWMON),
                prometheus.instantVector(THROTTLED)).asTuple()
                .invoke(t -> byNode = aggregate(cluster.nodes(), t.getItem1(), t.getItem2(), t.getItem3()))
                .chain(() -> Uni.combine().all().unis(prometheus.instantVector(LOAD1),
                        prometheus.instantVector(MEM_TOTAL), prometheus.instantVector(MEM_AVAILABLE)).asTuple())
                .invoke(t -> usageByNode = aggregateUsage(cluster.nodes(), t.getItem1(), t.getItem2(), t.getItem3()))
                .onFailure().invoke(e -> LOG.debugf("Pi readings not refreshed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    static Map<String, PiReadings> aggregate(List<Node> nodes, List<PrometheusSample> thermal,
            List<PrometheusSample> hwmon, List<PrometheusSample> throttled) {
        Map<String, PiReadings> out = new ConcurrentHashMap<>();
        for (Node node : nodes) {
            String name = node.getMetadata().getName();
            String ip = Nodes.internalIp(node).orElse(null);
            Double temp = max(thermal, name, ip);
            String source = temp != null ? THERMAL : null;
            if (temp == null) {
                temp = max(hwmon, name, ip);
                source = temp != null ? HWMON : null;
            }
            Double bits = max(throttled, name, ip);
            if (temp != null || bits != null) {
                out.put(name, new PiReadings(temp, source,
                        bits == null ? null : ThrottleState.decode(bits.longValue())));
            }
        }
        return Map.copyOf(out);
    }

    static Map<String, NodeUsage> aggregateUsage(List<Node> nodes, List<PrometheusSample> load1,
            List<PrometheusSample> memTotal, List<PrometheusSample> memAvailable) {
        Map<String, NodeUsage> out = new ConcurrentHashMap<>();
        for (Node node : nodes) {
            String name = node.getMetadata().getName();
            String ip = Nodes.internalIp(node).orElse(null);
            Double load = max(load1, name, ip);
            Double total = max(memTotal, name, ip);
            Double available = max(memAvailable, name, ip);
            if (load != null || total != null) {
                out.put(name, NodeUsage.fromNodeExporter(load, total,
                        total != null && available != null ? total - available : null));
            }
        }
        return Map.copyOf(out);
    }

    private static Double max(List<PrometheusSample> samples, String node, String ip) {
        return samples.stream().filter(s -> belongsTo(s.labels(), node, ip)).map(PrometheusSample::value)
                .filter(v -> !v.isNaN()).max(Double::compare).orElse(null);
    }

    private static boolean belongsTo(Map<String, String> labels, String node, String ip) {
        String labelled = labels.get("node");
        if (labelled != null) {
            return labelled.equals(node);
        }
        String instance = labels.get("instance");
        return ip != null && instance != null && ip.equals(hostOf(instance));
    }

    private static String hostOf(String instance) {
        try {
            String host = URI.create("tcp://" + instance).getHost();
            return host == null ? instance : host.replace("[", "").replace("]", "");
        } catch (IllegalArgumentException e) {
            return instance;
        }
    }
}
