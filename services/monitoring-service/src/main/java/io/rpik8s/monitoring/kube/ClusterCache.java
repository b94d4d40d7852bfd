package io.rpik8s.monitoring.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.rpik8s.commons.kube.InformerChanges;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * The cluster as the service sees it: Fabric8 shared informers on nodes and pods, so views read a local cache instead
 * of listing on every request. It sits at the bottom: what follows a change (the live stream, restart history)
 * registers a listener here before it starts, so the cache imports none of them.
 */
@ApplicationScoped
public class ClusterCache {

    /** Observers that register listeners run before this priority; the informers start at it. */
    public static final int START_PRIORITY = 100;

    private static final Logger LOG = Logger.getLogger(ClusterCache.class);

    private final KubernetesClient client;
    private final List<InformerChanges.Listener<Node>> nodeListeners = new CopyOnWriteArrayList<>();
    private final List<InformerChanges.Listener<Pod>> podListeners = new CopyOnWriteArrayList<>();
    private SharedIndexInformer<Node> nodes;
    private SharedIndexInformer<Pod> pods;

    public ClusterCache(KubernetesClient client) {
        this.client = client;
    }

    void start(@Observes @Priority(START_PRIORITY) StartupEvent event) {
        nodes = client.nodes().runnableInformer(0);
        nodes.addEventHandler(InformerChanges.handler((before, after) -> nodeListeners
                .forEach(l -> l.changed(before, after))));
        pods = client.pods().inAnyNamespace().runnableInformer(0);
        pods.addEventHandler(InformerChanges.handler((before, after) -> podListeners
                .forEach(l -> l.changed(before, after))));
        // start() lists asynchronously: an unreachable API server must not stop the service (readiness reports it),
        // and the first list is retried until it succeeds (Fabric8 gives up on it by default).
        nodes.exceptionHandler((started, failure) -> true);
        pods.exceptionHandler((started, failure) -> true);
        nodes.start().whenComplete((v, e) -> logStart("nodes", e));
        pods.start().whenComplete((v, e) -> logStart("pods", e));
    }

    void stop(@Observes ShutdownEvent event) {
        if (nodes != null) {
            nodes.stop();
        }
        if (pods != null) {
            pods.stop();
        }
    }

    /** Called for every change of a node; register before {@link #START_PRIORITY}. */
    public void listenToNodes(InformerChanges.Listener<Node> listener) {
        nodeListeners.add(listener);
    }

    /** Called for every change of a pod; register before {@link #START_PRIORITY}. */
    public void listenToPods(InformerChanges.Listener<Pod> listener) {
        podListeners.add(listener);
    }

    public List<Node> nodes() {
        return nodes == null ? List.of() : nodes.getStore().list();
    }

    public Optional<Node> node(String name) {
        return nodes == null ? Optional.empty() : Optional.ofNullable(nodes.getStore().getByKey(name));
    }

    public List<Pod> pods() {
        return pods == null ? List.of() : pods.getStore().list();
    }

    public Optional<Pod> pod(String namespace, String name) {
        return pods == null ? Optional.empty() : Optional.ofNullable(pods.getStore().getByKey(namespace + "/" + name));
    }

    private static void logStart(String what, Throwable e) {
        if (e != null) {
            LOG.warnf("Informer on %s could not list yet: %s", what, e.getMessage());
        }
    }
}
