package io.rpik8s.deployment.status;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rpik8s.deployment.kube.ClusterCache;
import io.rpik8s.deployment.kube.Workloads;
import io.rpik8s.deployment.plugin.ManagedApp;
import io.rpik8s.deployment.plugin.PluginRegistry;
import io.rpik8s.model.api.Page;
import io.rpik8s.model.api.PageRequest;
import io.rpik8s.model.plugin.AppLabels;
import io.rpik8s.model.plugin.AppNotFoundException;
import io.rpik8s.model.plugin.AppRef;
import io.rpik8s.model.plugin.BlockingCalls;
import io.rpik8s.model.plugin.DeploymentPlugin;
import io.rpik8s.model.plugin.DeploymentResult;
import io.rpik8s.model.plugin.RolloutState;
import io.rpik8s.model.plugin.kube.Rollouts;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The read side: lists every app of the managed namespaces from the cluster cache (the platform's, grouped by their
 * app label across kinds, and the Deployments, StatefulSets and CronJobs made outside it) and shows one app, through
 * the plugin that manages it when there is one.
 */
@ApplicationScoped
public class AppCatalog {

    /** Kinds whose objects may stand for an app by themselves, in the order one is picked to describe it. */
    private static final List<String> KINDS = List.of("Deployment", "StatefulSet", "CronJob", "ConfigMap");

    private final ClusterCache cache;
    private final KubernetesClient client;
    private final PluginRegistry plugins;
    private final AppInspector inspector;
    private volatile Grouping lastGrouping;

    public AppCatalog(ClusterCache cache, KubernetesClient client, PluginRegistry plugins, AppInspector inspector) {
        this.cache = cache;
        this.client = client;
        this.plugins = plugins;
        this.inspector = inspector;
    }

    /**
     * Page {@code request} of the apps in {@code namespaces} whose objects carry {@code labels} (and {@code plugin}),
     * by namespace and name. The page is cut from the cached objects before any app is summarized, so a call costs
     * one grouping of the cache plus a page of summaries, however many apps there are.
     */
    public Uni<Page<AppSummary>> list(List<String> namespaces, Map<String, String> labels, String plugin,
            PageRequest request) {
        return Uni.createFrom().item(() -> Page.of(found(namespaces, labels, plugin), request))
                .chain(page -> Multi.createFrom().iterable(page.items())
                        .onItem().transformToUniAndConcatenate(this::summary)
                        .filter(Optional::isPresent).map(Optional::get)
                        .collect().asList()
                        .map(items -> new Page<>(items, page.page(), page.size(), page.total())));
    }

    /** The app's spec and live status from the cache: its Deployment's when it has one, else its plugin's view. */
    public Uni<AppView> view(AppRef app) {
        return Uni.createFrom().deferred(() -> cache.deployments().get(app.namespace(), app.name())
                .map(d -> Uni.createFrom().item(inspector.details(d)))
                .orElseGet(() -> viaPlugin(app, false)));
    }

    /** The app right after this service changed it: its Deployment read from the API, the rest from the cache. */
    public Uni<AppView> viewAfterChange(AppRef app) {
        return BlockingCalls.call(() -> Optional.ofNullable(deployment(app.namespace(), app.name())))
                .chain(d -> d.isPresent() ? Uni.createFrom().item(inspector.details(d.get())) : viaPlugin(app, true));
    }

    /** The app right after this service created it, once the objects it made are in the cache. */
    public Uni<AppView> viewCreated(DeploymentResult created) {
        AppRef app = created.app();
        List<Uni<Void>> arrivals = created.objects().stream().map(o -> o.split("/", 2))
                .filter(kn -> kn.length == 2).map(kn -> switch (kn[0]) {
                    case "Deployment" -> cache.deployments().arrival(app.namespace(), kn[1]);
                    case "StatefulSet" -> cache.statefulSets().arrival(app.namespace(), kn[1]);
                    case "CronJob" -> cache.cronJobs().arrival(app.namespace(), kn[1]);
                    case "ConfigMap" -> cache.platformConfigMaps().arrival(app.namespace(), kn[1]);
                    case "Service" -> cache.serviceArrival(app.namespace(), kn[1]);
                    default -> Uni.createFrom().voidItem();
                }).toList();
        Uni<Void> all = arrivals.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(arrivals).andFailFast().replaceWithVoid();
        return all.chain(() -> view(app));
    }

    private Uni<AppView> viaPlugin(AppRef app, boolean fresh) {
        return plugins.managerOf(app).chain(found -> BlockingCalls.call(() -> viewOf(app, found
                .orElseThrow(() -> new AppNotFoundException("No deployment " + app)), fresh)));
    }

    private AppView viewOf(AppRef app, ManagedApp found, boolean fresh) {
        DeploymentResult result = found.status();
        // the unit's main Deployment, when it has one, gives pods, conditions and revision
        Optional<Deployment> main = result.objects().stream().filter(o -> o.startsWith("Deployment/"))
                .map(o -> o.substring("Deployment/".length())).findFirst()
                .flatMap(name -> fresh ? Optional.ofNullable(deployment(app.namespace(), name))
                        : cache.deployments().get(app.namespace(), name));
        if (main.isPresent()) {
            AppView d = inspector.details(main.get());
            return new AppView(app.name(), app.namespace(), found.plugin().name(), d.image(), d.labels(),
                    d.spec(), d.status(), d.pods());
        }
        return new AppView(app.name(), app.namespace(), found.plugin().name(), result.image(), null,
                new AppView.Spec(result.desired(), List.of(), List.of(), Map.of(), null, null),
                new AppView.Status(result.desired(), result.ready(), result.ready(), result.ready(), 0,
                        result.state().json(), result.message(), List.of()),
                List.of());
    }

    private Deployment deployment(String namespace, String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    /** The objects of each app that match {@code labels} and {@code plugin}, by namespace and app name. */
    private List<List<HasMetadata>> found(List<String> namespaces, Map<String, String> labels, String plugin) {
        Grouping all = grouping(namespaces);
        if (labels.isEmpty() && plugin == null) {
            return all.describable();
        }
        List<List<HasMetadata>> found = new ArrayList<>();
        for (List<HasMetadata> objects : all.apps()) {
            List<HasMetadata> matching = objects.stream().filter(o -> matches(o, labels) && (plugin == null
                    || plugin.equals(AppLabels.pluginOf(o.getMetadata().getLabels())))).toList();
            if (!matching.isEmpty() && describable(matching)) {
                found.add(matching);
            }
        }
        return found;
    }

    /**
     * Every app's cached objects in {@code namespaces}, grouped and ordered; made again only when the cache changed
     * since the last call for the same namespaces, so that repeated listings of thousands of apps cost a page.
     */
    private Grouping grouping(List<String> namespaces) {
        long changes = cache.workloadChanges();
        Grouping last = lastGrouping;
        if (last != null && last.changes() == changes && last.namespaces().equals(namespaces)) {
            return last;
        }
        Map<String, List<HasMetadata>> apps = new TreeMap<>();
        for (String ns : namespaces) {
            cache.workloads(ns).stream().collect(Collectors.groupingBy(ClusterCache::appNameOf))
                    .forEach((name, objects) -> apps.put(ns + "/" + name, objects));
        }
        List<List<HasMetadata>> grouped = List.copyOf(apps.values());
        Grouping made = new Grouping(changes, List.copyOf(namespaces), grouped,
                grouped.stream().filter(this::describable).toList());
        lastGrouping = made;
        return made;
    }

    /** The apps of some namespaces as the cache held them at a count of its changes. */
    private record Grouping(long changes, List<String> namespaces, List<List<HasMetadata>> apps,
            List<List<HasMetadata>> describable) {
    }

    /** Whether a summary can be made: a workload stands for the app, or a plugin here knows its ConfigMaps. */
    private boolean describable(List<HasMetadata> objects) {
        return objects.stream().anyMatch(o -> !"ConfigMap".equals(o.getKind()))
                || objects.stream().anyMatch(o -> plugins.find(AppLabels.pluginOf(o.getMetadata().getLabels()))
                        .isPresent());
    }

    /** The app as its plugin sees it; as its main object shows it when no plugin here manages it. */
    private Uni<Optional<AppSummary>> summary(List<HasMetadata> objects) {
        HasMetadata main = objects.stream().sorted(Comparator.comparingInt((HasMetadata o) -> KINDS.indexOf(o.getKind()))
                .thenComparing(o -> !ClusterCache.appNameOf(o).equals(o.getMetadata().getName())))
                .findFirst().orElseThrow();
        AppRef app = new AppRef(main.getMetadata().getNamespace(), ClusterCache.appNameOf(main));
        String pluginName = AppLabels.pluginOf(main.getMetadata().getLabels());
        boolean managed = objects.stream().anyMatch(o -> AppLabels.isManaged(o.getMetadata().getLabels()));
        Optional<AppSummary> fallback = ofObject(app, main, pluginName, managed);
        return plugins.find(managed ? pluginName : null)
                .map(p -> p.statusOf(app, objects).map(r -> Uni.createFrom().item(summaryOf(p, r, app, main)))
                        .orElseGet(() -> p.status(app).map(r -> summaryOf(p, r, app, main))
                                .onFailure(AppNotFoundException.class).recoverWithItem(fallback)))
                .orElse(Uni.createFrom().item(fallback));
    }

    private static Optional<AppSummary> summaryOf(DeploymentPlugin plugin, DeploymentResult r, AppRef app,
            HasMetadata main) {
        return Optional.of(new AppSummary(app.name(), app.namespace(), plugin.name(), r.image(), r.desired(),
                r.ready(), r.state().json(), true, main.getKind()));
    }

    private static Optional<AppSummary> ofObject(AppRef app, HasMetadata o, String plugin, boolean managed) {
        if (o instanceof Deployment d) {
            return Optional.of(new AppSummary(app.name(), app.namespace(), plugin, Rollouts.image(d),
                    Rollouts.desired(d), Rollouts.ready(d), Rollouts.stateOf(d, List.of()).json(), managed,
                    o.getKind()));
        }
        if (o instanceof StatefulSet s) {
            int desired = Workloads.replicas(s).orElseThrow();
            int ready = s.getStatus() == null || s.getStatus().getReadyReplicas() == null ? 0
                    : s.getStatus().getReadyReplicas();
            return Optional.of(new AppSummary(app.name(), app.namespace(), plugin, Workloads.image(s), desired, ready,
                    (ready == desired ? RolloutState.COMPLETE : RolloutState.PROGRESSING).json(), managed,
                    o.getKind()));
        }
        if (o instanceof CronJob) {
            return Optional.of(new AppSummary(app.name(), app.namespace(), plugin, Workloads.image(o), 0, 0,
                    RolloutState.UNKNOWN.json(), managed, o.getKind()));
        }
        // a platform ConfigMap alone says nothing about an app its plugin does not know
        return Optional.empty();
    }

    private static boolean matches(HasMetadata o, Map<String, String> labels) {
        Map<String, String> own = o.getMetadata().getLabels();
        return labels.isEmpty() || own != null && own.entrySet().containsAll(labels.entrySet());
    }
}
