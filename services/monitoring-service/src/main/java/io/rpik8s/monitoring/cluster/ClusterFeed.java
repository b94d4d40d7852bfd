package io.rpik8s.monitoring.cluster;

import io.quarkus.runtime.StartupEvent;
import io.rpik8s.monitoring.kube.ClusterCache;
import io.rpik8s.monitoring.stream.LiveUpdate;
import io.rpik8s.monitoring.stream.LiveUpdates;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Pushes every node and pod change of the cluster cache to the live stream, and pod restarts to their history. */
@ApplicationScoped
public class ClusterFeed {

    private final ClusterCache cluster;
    private final LiveUpdates updates;
    private final RestartHistory restarts;

    public ClusterFeed(ClusterCache cluster, LiveUpdates updates, RestartHistory restarts) {
        this.cluster = cluster;
        this.updates = updates;
        this.restarts = restarts;
    }

    void register(@Observes @Priority(ClusterCache.START_PRIORITY - 1) StartupEvent event) {
        cluster.listenToNodes((before, after) -> updates.push(new LiveUpdate("node", change(before, after),
                NodeView.brief(after != null ? after : before))));
        cluster.listenToPods((before, after) -> {
            updates.push(new LiveUpdate("pod", change(before, after), PodView.of(after != null ? after : before)));
            if (after != null) {
                restarts.observe(after);
            } else {
                restarts.forget(before);
            }
        });
    }

    private static String change(Object before, Object after) {
        return before == null ? "added" : after == null ? "deleted" : "updated";
    }
}
