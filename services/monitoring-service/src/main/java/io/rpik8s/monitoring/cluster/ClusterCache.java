package io.rpik8s.monitoring.cluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.rpik8s.monitoring.stream.LiveUpdate;
import io.rpik8s.monitoring.stream.LiveUpdates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The cluster as the service sees it: Fabric8 shared informers on nodes and pods, so views read a local cache instead
 * of listing on every request, and every change is pushed to the live stream.
 */
@ApplicationScoped
public class ClusterCache {

    private static final Logger LOG = Logger.getLogger(ClusterCache.class);

    private final KubernetesClient client;
    private final LiveUpdates updates;
    private final RestartHistory restarts;
    private SharedIndexInformer<Node> nodes;
    private SharedIndexInformer<Pod> pods;

    public ClusterCache(KubernetesClient client, LiveUpdates updates, RestartHistory restarts) {
        this.client = client;
        this.updates = updates;
        this.restarts = restarts;
    }

    void start(@Observes StartupEvent event) {
        nodes = client.nodes().runnableInformer(0);
        nodes.addEventHandler(forwarding("node", n -> NodeView.brief(n)));
        pods = client.pods().inAnyNamespace().runnableInformer(0);
        pods.addEventHandler(forwarding("pod", PodView::of));
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                restarts.observe(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                restarts.observe(newPod);
            }

            @Override
            public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
                restarts.forget(pod);
            }
        });
        // start() lists asynchronously: an unreachable API server must not stop the service (readiness reports it).
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

    public List<Node> nodes() {
        return nodes == null ? List.of() : nodes.getStore().list();
    }

    public Optional<Node> node(String name) {
        return nodes == null ? Optional.empty() : Optional.ofNullable(nodes.getStore().getByKey(name));
    }

    public List<Pod> pods() {
        return pods == null ? List.of() : pods.getStore().list();
    }

    private static void logStart(String what, Throwable e) {
        if (e != null) {
            LOG.warnf("Informer on %s could not list yet: %s", what, e.getMessage());
        }
    }

    private <T> ResourceEventHandler<T> forwarding(String kind, Function<T, Object> view) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                updates.push(new LiveUpdate(kind, "added", view.apply(obj)));
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                updates.push(new LiveUpdate(kind, "updated", view.apply(newObj)));
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                updates.push(new LiveUpdate(kind, "deleted", view.apply(obj)));
            }
        };
    }
}
