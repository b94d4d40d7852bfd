package io.rpik8s.deployment.change;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rpik8s.deployment.kube.ClusterCache;
import io.rpik8s.model.plugin.AppRef;
import io.rpik8s.model.plugin.BlockingCalls;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which Deployment changes this service made itself, so that watching the cluster for changes made
 * outside it does not announce them a second time. While a change of an app runs, every change of its Deployments
 * is ours; when it ends, the generation each Deployment reached (read once from the API server) is ours too, so a
 * watch event that arrives late is still recognised; a Deployment this service deleted is remembered by name.
 */
@ApplicationScoped
public class OwnChanges {

    private final KubernetesClient client;
    private final ClusterCache cache;
    private final Map<String, Integer> running = new ConcurrentHashMap<>();
    private final Map<String, Long> generations = new ConcurrentHashMap<>();
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();

    public OwnChanges(KubernetesClient client, ClusterCache cache) {
        this.client = client;
        this.cache = cache;
    }

    /** Runs {@code change} of {@code app} as one of this service's own. */
    public <T> Uni<T> around(AppRef app, Uni<T> change) {
        return Uni.createFrom().deferred(() -> {
            List<String> names = cache.objectsOf(app).stream().filter(Deployment.class::isInstance)
                    .map(d -> d.getMetadata().getName()).toList();
            running.merge(key(app.namespace(), app.name()), 1, Integer::sum);
            return change.onTermination().call(() -> settle(app, names));
        });
    }

    /** Whether {@code after}, a change of a Deployment of {@code app}, was made by this service. */
    public boolean isOwn(AppRef app, Deployment after) {
        if (running.containsKey(key(app.namespace(), app.name()))) {
            return true;
        }
        Long ours = generations.get(key(after.getMetadata().getNamespace(), after.getMetadata().getName()));
        Long generation = after.getMetadata().getGeneration();
        return ours != null && generation != null && generation <= ours;
    }

    /** Whether the deletion of {@code gone}, a Deployment of {@code app}, was made by this service. */
    public boolean isOwnDeletion(AppRef app, Deployment gone) {
        boolean ours = deleted.remove(key(gone.getMetadata().getNamespace(), gone.getMetadata().getName()));
        return ours || running.containsKey(key(app.namespace(), app.name()));
    }

    private Uni<Void> settle(AppRef app, List<String> names) {
        return BlockingCalls.run(() -> {
            for (String name : names) {
                Deployment now = client.apps().deployments().inNamespace(app.namespace()).withName(name).get();
                String key = key(app.namespace(), name);
                if (now == null) {
                    deleted.add(key);
                    generations.remove(key);
                } else if (now.getMetadata().getGeneration() != null) {
                    generations.merge(key, now.getMetadata().getGeneration(), Math::max);
                }
            }
        }).onFailure().recoverWithNull()
                .eventually(() -> running.computeIfPresent(key(app.namespace(), app.name()),
                        (k, n) -> n > 1 ? n - 1 : null));
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
