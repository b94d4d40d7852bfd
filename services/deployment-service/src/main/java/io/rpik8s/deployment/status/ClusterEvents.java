package io.rpik8s.deployment.status;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rpik8s.deployment.kube.ClusterCache;
import io.rpik8s.model.plugin.AppRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Kubernetes events about a Deployment, its ReplicaSets and its pods, newest first. Blocking: one list of events. */
@ApplicationScoped
public class ClusterEvents {

    private final KubernetesClient client;
    private final ClusterCache cache;
    private final AppInspector inspector;

    public ClusterEvents(KubernetesClient client, ClusterCache cache, AppInspector inspector) {
        this.client = client;
        this.cache = cache;
        this.inspector = inspector;
    }

    public List<EventView> of(AppRef app) {
        Deployment d = inspector.require(app);
        Set<String> objects = new HashSet<>();
        objects.add("Deployment/" + app.name());
        cache.replicaSetsOf(d).forEach(rs -> objects.add("ReplicaSet/" + rs.getMetadata().getName()));
        cache.podsOf(d).forEach(p -> objects.add("Pod/" + p.getMetadata().getName()));
        return client.v1().events().inNamespace(app.namespace()).list().getItems().stream()
                .filter(e -> e.getInvolvedObject() != null && objects.contains(e.getInvolvedObject().getKind() + "/"
                        + e.getInvolvedObject().getName()))
                .sorted(Comparator.comparing(ClusterEvents::lastSeen, Comparator.nullsLast(Comparator.reverseOrder())))
                .map(e -> new EventView(e.getType(), e.getReason(), e.getMessage(),
                        e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName(),
                        e.getCount() == null ? 1 : e.getCount(), e.getFirstTimestamp(), lastSeen(e)))
                .toList();
    }

    private static String lastSeen(Event e) {
        return Objects.requireNonNullElse(e.getLastTimestamp(), e.getFirstTimestamp());
    }
}
