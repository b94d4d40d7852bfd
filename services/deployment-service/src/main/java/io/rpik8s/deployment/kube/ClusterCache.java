package io.rpik8s.deployment.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.rpik8s.deployment.config.AppsConfig;
import io.rpik8s.model.plugin.AppLabels;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The one read model of the managed namespaces: shared informers of Deployments, ReplicaSets, Pods, Services,
 * StatefulSets, CronJobs and the platform's ConfigMaps. Listing, views, the rollout watcher and the PlatformApp
 * reconciler read here instead of asking the API server; components register their listeners before it starts.
 */
@ApplicationScoped
public class ClusterCache {

    /** Observers that register listeners run before this priority; the informers start at it. */
    public static final int START_PRIORITY = 100;

    private static final Logger LOG = Logger.getLogger(ClusterCache.class);

    private final KubernetesClient client;
    private final AppsConfig config;
    private final CachedKind<Deployment> deployments = new CachedKind<>("Deployment");
    private final CachedKind<ReplicaSet> replicaSets = new CachedKind<>("ReplicaSet");
    private final CachedKind<Pod> pods = new CachedKind<>("Pod");
    private final CachedKind<Service> services = new CachedKind<>("Service");
    private final CachedKind<StatefulSet> statefulSets = new CachedKind<>("StatefulSet");
    private final CachedKind<CronJob> cronJobs = new CachedKind<>("CronJob");
    private final CachedKind<ConfigMap> configMaps = new CachedKind<>("ConfigMap");

    public ClusterCache(KubernetesClient client, AppsConfig config) {
        this.client = client;
        this.config = config;
    }

    void start(@Observes @Priority(START_PRIORITY) StartupEvent event) {
        long resync = config.informerResyncSeconds() * 1000L;
        for (String ns : config.managedNamespaces()) {
            // started without waiting for the first list: the service comes up while the API is down, and says so
            deployments.start(ns, client.apps().deployments().inNamespace(ns).runnableInformer(resync));
            replicaSets.start(ns, client.apps().replicaSets().inNamespace(ns).runnableInformer(resync));
            pods.start(ns, client.pods().inNamespace(ns).runnableInformer(resync));
            services.start(ns, client.services().inNamespace(ns).runnableInformer(resync));
            statefulSets.start(ns, client.apps().statefulSets().inNamespace(ns).runnableInformer(resync));
            cronJobs.start(ns, client.batch().v1().cronjobs().inNamespace(ns).runnableInformer(resync));
            // only the platform's ConfigMaps: app data stays out of this service's memory
            configMaps.start(ns, client.configMaps().inNamespace(ns)
                    .withLabel(AppLabels.MANAGED_BY, AppLabels.MANAGED_BY_VALUE).runnableInformer(resync));
        }
        LOG.infof("Cluster cache watching %s", config.managedNamespaces());
    }

    void stop(@Observes ShutdownEvent event) {
        List.of(deployments, replicaSets, pods, services, statefulSets, cronJobs, configMaps)
                .forEach(CachedKind::stop);
    }

    public CachedKind<Deployment> deployments() {
        return deployments;
    }

    public CachedKind<StatefulSet> statefulSets() {
        return statefulSets;
    }

    public CachedKind<CronJob> cronJobs() {
        return cronJobs;
    }

    public CachedKind<ConfigMap> platformConfigMaps() {
        return configMaps;
    }

    public CachedKind<Pod> pods() {
        return pods;
    }

    public Optional<Service> service(String namespace, String name) {
        return services.get(namespace, name);
    }

    public io.smallrye.mutiny.Uni<Void> serviceArrival(String namespace, String name) {
        return services.arrival(namespace, name);
    }

    /** Pods selected by the Deployment's selector. */
    public List<Pod> podsOf(Deployment d) {
        Map<String, String> selector = d.getSpec().getSelector() == null ? null
                : d.getSpec().getSelector().getMatchLabels();
        if (selector == null || selector.isEmpty()) {
            return List.of();
        }
        return pods.list(d.getMetadata().getNamespace()).stream()
                .filter(p -> p.getMetadata().getLabels() != null
                        && p.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .toList();
    }

    /** ReplicaSets owned by the Deployment that carry a revision, oldest revision first. */
    public List<ReplicaSet> replicaSetsOf(Deployment d) {
        return replicaSets.list(d.getMetadata().getNamespace()).stream()
                .filter(rs -> rs.getMetadata().getOwnerReferences() != null && rs.getMetadata().getOwnerReferences()
                        .stream().anyMatch(o -> Objects.equals(o.getUid(), d.getMetadata().getUid())))
                .filter(rs -> Revisions.of(rs) > 0)
                .sorted(java.util.Comparator.comparingLong(Revisions::of))
                .toList();
    }

    /**
     * The objects that make up {@code app}: those whose app label names it, and those of its name that carry no app
     * label (made with kubectl). Empty when the cache knows none.
     */
    public List<HasMetadata> objectsOf(io.rpik8s.model.plugin.AppRef app) {
        return workloads(app.namespace()).stream().filter(o -> app.name().equals(appNameOf(o))).toList();
    }

    /** The app an object belongs to: its app label, else its own name (a workload made outside the platform). */
    public static String appNameOf(HasMetadata o) {
        String app = AppLabels.appOf(o.getMetadata().getLabels());
        return app != null ? app : o.getMetadata().getName();
    }

    /** A count that moves whenever one of the {@link #workloads} of any namespace changes. */
    public long workloadChanges() {
        return deployments.changes() + statefulSets.changes() + cronJobs.changes() + configMaps.changes();
    }

    /** The Deployments, StatefulSets, CronJobs and platform ConfigMaps of {@code namespace}: what apps are made of. */
    public List<HasMetadata> workloads(String namespace) {
        return java.util.stream.Stream.of(deployments, statefulSets, cronJobs, configMaps)
                .flatMap(kind -> kind.list(namespace).stream()).map(HasMetadata.class::cast)
                // a ConfigMap belongs to an app only through its app label; it is never an app by its name
                .filter(o -> !(o instanceof ConfigMap) || AppLabels.appOf(o.getMetadata().getLabels()) != null)
                .toList();
    }
}
