package io.rpik8s.monitoring.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.rpik8s.commons.kube.ManagedNamespaces;
import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.model.api.Page;
import io.rpik8s.model.api.PageRequest;
import io.rpik8s.monitoring.alerts.AlertEngine;
import io.rpik8s.monitoring.kube.ClusterCache;
import io.rpik8s.monitoring.pi.NodeMetricsCache;
import io.rpik8s.monitoring.pi.NodeUsage;
import io.rpik8s.monitoring.pi.PiReadingsCache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds node, pod and summary views from the informer cache and the Pi readings; never calls the API server. */
@ApplicationScoped
public class ClusterViews {

    private final ClusterCache cluster;
    private final PiReadingsCache pi;
    private final AlertEngine alerts;
    private final NodeMetricsCache metrics;
    private final RestartHistory restarts;
    private final ManagedNamespaces namespaces;

    public ClusterViews(ClusterCache cluster, PiReadingsCache pi, AlertEngine alerts, NodeMetricsCache metrics,
            RestartHistory restarts, ManagedNamespaces namespaces) {
        this.namespaces = namespaces;
        this.cluster = cluster;
        this.pi = pi;
        this.alerts = alerts;
        this.metrics = metrics;
        this.restarts = restarts;
    }

    @WithSpan("ClusterViews.nodes")
    public List<NodeView> nodes() {
        return cluster.nodes().stream().sorted(Comparator.comparing(n -> n.getMetadata().getName()))
                .map(n -> NodeView.of(n, null, usageOf(n.getMetadata().getName()),
                        pi.of(n.getMetadata().getName()).orElse(null))).toList();
    }

    @WithSpan("ClusterViews.node")
    public NodeView node(String name) {
        Node node = cluster.node(name).orElseThrow(() -> ApiProblem.notFound("Node " + name + " does not exist"));
        List<PodView> pods = cluster.pods().stream().filter(p -> p.getSpec() != null
                && name.equals(p.getSpec().getNodeName())).map(PodView::of)
                .filter(p -> namespaces.contains(p.namespace()))
                .sorted(Comparator.comparing(PodView::namespace).thenComparing(PodView::name)).toList();
        return NodeView.of(node, pods, usageOf(name), pi.of(name).orElse(null));
    }

    @WithSpan("ClusterViews.pods")
    public Page<PodView> pods(String namespace, String node, String phase, Map<String, String> labels,
            PageRequest page) {
        List<PodView> matching = cluster.pods().stream().map(PodView::of)
                .filter(p -> namespace == null ? namespaces.contains(p.namespace()) : namespace.equals(p.namespace()))
                .filter(p -> node == null || node.equals(p.node()))
                .filter(p -> phase == null || phase.equalsIgnoreCase(p.phase()))
                .filter(p -> labels.entrySet().stream().allMatch(l -> l.getValue().equals(p.labels().get(l.getKey()))))
                .sorted(Comparator.comparing(PodView::namespace).thenComparing(PodView::name)).toList();
        return Page.of(matching, page);
    }

    @WithSpan("ClusterViews.summary")
    public ClusterSummary summary() {
        List<Node> nodes = cluster.nodes();
        List<Pod> pods = cluster.pods();
        Map<String, Integer> phases = new TreeMap<>();
        pods.forEach(p -> phases.merge(PodView.of(p).phase(), 1, Integer::sum));
        int restartsLastHour = restarts.lastHour();
        List<Pod> active = pods.stream().filter(p -> p.getStatus() == null
                || !List.of("Succeeded", "Failed").contains(p.getStatus().getPhase())).toList();
        String hottest = null;
        Double hottestTemp = null;
        for (Node n : nodes) {
            Double t = pi.of(n.getMetadata().getName()).map(r -> r.temperatureCelsius()).orElse(null);
            if (t != null && (hottestTemp == null || t > hottestTemp)) {
                hottest = n.getMetadata().getName();
                hottestTemp = t;
            }
        }
        return new ClusterSummary((int) nodes.stream().filter(NodeView::isReady).count(), nodes.size(),
                nodes.stream().anyMatch(NodeView::isSimulated), phases, restartsLastHour,
                new ClusterSummary.Resource(requested(active, "cpu"), allocatable(nodes, "cpu")),
                new ClusterSummary.Resource(requested(active, "memory"), allocatable(nodes, "memory")),
                hottest, hottestTemp, alerts.active().size());
    }

    /** The metrics API's usage when the cluster serves it, else node-exporter's from Prometheus. */
    private NodeUsage usageOf(String node) {
        return metrics.of(node).or(() -> pi.usageOf(node)).orElse(null);
    }

    private static double requested(List<Pod> pods, String resource) {
        return pods.stream().filter(p -> p.getSpec() != null).flatMap(p -> p.getSpec().getContainers().stream())
                .map(Container::getResources).filter(r -> r != null && r.getRequests() != null)
                .map(r -> r.getRequests().get(resource)).filter(q -> q != null)
                .mapToDouble(q -> q.getNumericalAmount().doubleValue()).sum();
    }

    private static double allocatable(List<Node> nodes, String resource) {
        return nodes.stream().filter(n -> n.getStatus() != null && n.getStatus().getAllocatable() != null)
                .map(n -> n.getStatus().getAllocatable().get(resource)).filter(q -> q != null)
                .mapToDouble((Quantity q) -> q.getNumericalAmount().doubleValue()).sum();
    }
}
