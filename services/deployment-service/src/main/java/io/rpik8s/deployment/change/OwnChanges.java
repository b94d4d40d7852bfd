package io.rpik8s.deployment.change;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rpik8s.deployment.kube.ClusterCache;
import io.rpik8s.deployment.kube.Workloads;
import io.rpik8s.model.plugin.AppRef;
import io.rpik8s.model.plugin.BlockingCalls;
import io.rpik8s.model.plugin.kube.PlatformWrites;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells this service's own workload changes (Deployments, StatefulSets, CronJobs) from changes made outside it, so
 * that watching the cluster for the latter does not announce the former a second time. What holds across replicas
 * is what the object carries: the built-in plugins stamp every write and every deletion ({@link PlatformWrites}),
 * so any replica recognises another one's change. For plugins that do not stamp, this replica also remembers its own:
 * while a change of an app runs, every change of its workloads is ours; when it ends, the generation each workload
 * reached (read once from the API server) is ours too, so a watch event that arrives late is still recognised; a
 * workload this service deleted is remembered by kind and name.
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
            List<HasMetadata> workloads = cache.objectsOf(app).stream().filter(Workloads::isWorkload).toList();
            running.merge(appKey(app), 1, Integer::sum);
            return change.onTermination().call(() -> settle(app, workloads));
        });
    }

    /** Whether the change from {@code before} to {@code after} of a workload of {@code app} was the platform's. */
    public boolean isOwn(AppRef app, HasMetadata before, HasMetadata after) {
        if (PlatformWrites.isPlatformWrite(before, after) || running.containsKey(appKey(app))) {
            return true;
        }
        Long ours = generations.get(key(after));
        Long generation = after.getMetadata().getGeneration();
        return ours != null && generation != null && generation <= ours;
    }

    /** Whether the deletion of {@code gone} (its last state), a workload of {@code app}, was the platform's. */
    public boolean isOwnDeletion(AppRef app, HasMetadata gone) {
        boolean ours = deleted.remove(key(gone));
        return ours || PlatformWrites.isPlatformDeletion(gone) || running.containsKey(appKey(app));
    }

    private Uni<Void> settle(AppRef app, List<HasMetadata> workloads) {
        return BlockingCalls.run(() -> {
            for (HasMetadata workload : workloads) {
                HasMetadata now = client.resource(workload).get();
                String key = key(workload);
                if (now == null) {
                    deleted.add(key);
                    generations.remove(key);
                } else if (now.getMetadata().getGeneration() != null) {
                    generations.merge(key, now.getMetadata().getGeneration(), Math::max);
                }
            }
        }).onFailure().recoverWithNull()
                .eventually(() -> running.computeIfPresent(appKey(app), (k, n) -> n > 1 ? n - 1 : null));
    }

    private static String appKey(AppRef app) {
        return app.namespace() + "/" + app.name();
    }

    private static String key(HasMetadata workload) {
        return workload.getKind() + ":" + workload.getMetadata().getNamespace() + "/"
                + workload.getMetadata().getName();
    }
}
