package io.rpik8s.deployment.status;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.deployment.change.DeploymentService;
import io.rpik8s.deployment.kube.KubeCalls;
import io.rpik8s.deployment.kube.Rollouts;
import io.rpik8s.deployment.plugin.PluginRegistry;
import io.rpik8s.deployment.plugin.manifest.ManifestPlugin;
import io.rpik8s.model.plugin.AppLabels;
import io.rpik8s.model.plugin.AppNotFoundException;
import io.rpik8s.model.plugin.AppRef;
import io.rpik8s.model.plugin.DeploymentPlugin;
import io.rpik8s.model.plugin.DeploymentResult;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds the platform's apps by their labels across kinds (Deployments, the manifest plugin's inventory ConfigMaps,
 * CronJobs) and shows each through the plugin that manages it, so an app need not have a Deployment of its name.
 */
@ApplicationScoped
public class AppCatalog {

    /** An app found on the cluster: the plugin its labels name, and its Deployment when it has one of its name. */
    private record Found(AppRef app, String plugin, Deployment deployment) {
    }

    private final KubernetesClient client;
    private final PluginRegistry plugins;
    private final DeploymentInspector inspector;
    private final DeploymentService deployments;

    public AppCatalog(KubernetesClient client, PluginRegistry plugins, DeploymentInspector inspector,
            DeploymentService deployments) {
        this.client = client;
        this.plugins = plugins;
        this.inspector = inspector;
        this.deployments = deployments;
    }

    /** Platform apps in {@code namespaces} whose objects carry {@code labels}, ordered by namespace and name. */
    public Uni<List<DeploymentSummary>> list(List<String> namespaces, Map<String, String> labels, String plugin) {
        Map<String, String> selector = new TreeMap<>(labels);
        selector.put(AppLabels.MANAGED_BY, AppLabels.MANAGED_BY_VALUE);
        if (plugin != null) {
            selector.put(AppLabels.PLUGIN, plugin);
        }
        return KubeCalls.call(() -> find(namespaces, selector))
                .onItem().transformToMulti(found -> Multi.createFrom().iterable(found))
                .onItem().transformToUniAndConcatenate(this::summary)
                .filter(Optional::isPresent).map(Optional::get)
                .collect().asList();
    }

    /** The app's spec and live status: its Deployment's when it has one, else its plugin's view; 404 when none. */
    public Uni<DeploymentView> view(AppRef app) {
        return KubeCalls.call(() -> Optional.ofNullable(client.apps().deployments().inNamespace(app.namespace())
                        .withName(app.name()).get()))
                .chain(named -> named.isPresent() ? KubeCalls.call(() -> inspector.details(app))
                        : deployments.pluginOf(app).chain(found -> KubeCalls.call(() -> viewOf(app, found
                                .orElseThrow(() -> ApiProblem.notFound("No deployment " + app))))));
    }

    private DeploymentView viewOf(AppRef app, Map.Entry<DeploymentPlugin, DeploymentResult> found) {
        DeploymentResult result = found.getValue();
        // the unit's main Deployment, when it has one, gives pods, conditions and revision
        Optional<String> main = result.objects().stream().filter(o -> o.startsWith("Deployment/"))
                .map(o -> o.substring("Deployment/".length())).findFirst();
        if (main.isPresent()) {
            DeploymentView d = inspector.details(new AppRef(app.namespace(), main.get()));
            return new DeploymentView(app.name(), app.namespace(), found.getKey().name(), d.image(), d.labels(),
                    d.spec(), d.status(), d.pods());
        }
        return new DeploymentView(app.name(), app.namespace(), found.getKey().name(), result.image(), null,
                new DeploymentView.Spec(result.desired(), List.of(), List.of(), Map.of(), null, null),
                new DeploymentView.Status(result.desired(), result.ready(), result.ready(), result.ready(), 0,
                        result.state().json(), result.message(), List.of()),
                List.of());
    }

    private List<Found> find(List<String> namespaces, Map<String, String> selector) {
        Map<String, Found> apps = new TreeMap<>();
        for (String ns : namespaces) {
            for (Deployment d : client.apps().deployments().inNamespace(ns).withLabels(selector).list().getItems()) {
                // Deployments made before the app label existed are their own app
                String name = label(d, AppLabels.APP).orElse(d.getMetadata().getName());
                apps.putIfAbsent(ns + "/" + name, new Found(new AppRef(ns, name), label(d, AppLabels.PLUGIN)
                        .orElse(null), name.equals(d.getMetadata().getName()) ? d : null));
            }
            Stream.<HasMetadata>concat(
                    client.configMaps().inNamespace(ns).withLabels(selector).list().getItems().stream()
                            .filter(cm -> label(cm, AppLabels.APP).map(ManifestPlugin::inventoryName)
                                    .filter(cm.getMetadata().getName()::equals).isPresent()),
                    cronJobs(ns, selector).stream())
                    .filter(o -> label(o, AppLabels.APP).isPresent() && label(o, AppLabels.PLUGIN).isPresent())
                    .forEach(o -> {
                        String name = label(o, AppLabels.APP).orElseThrow();
                        apps.putIfAbsent(ns + "/" + name, new Found(new AppRef(ns, name),
                                label(o, AppLabels.PLUGIN).orElseThrow(), null));
                    });
        }
        List<Found> found = new ArrayList<>(apps.values());
        found.sort(Comparator.comparing((Found f) -> f.app().namespace()).thenComparing(f -> f.app().name()));
        return found;
    }

    /** CronJobs (the example {@code cronjob} plugin's apps); none where the service may not list them (RBAC). */
    private List<? extends HasMetadata> cronJobs(String namespace, Map<String, String> selector) {
        try {
            return client.batch().v1().cronjobs().inNamespace(namespace).withLabels(selector).list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                return List.of();
            }
            throw e;
        }
    }

    /** The app as its plugin sees it; its Deployment's state when the plugin is unknown here or disowns it. */
    private Uni<Optional<DeploymentSummary>> summary(Found found) {
        Optional<DeploymentSummary> fallback = Optional.ofNullable(found.deployment()).map(d -> new DeploymentSummary(
                found.app().name(), found.app().namespace(), found.plugin(),
                DeploymentInspector.mainContainer(d).getImage(), Rollouts.desired(d), Rollouts.ready(d),
                Rollouts.stateOf(d, List.of()).json()));
        return plugins.find(found.plugin() == null ? "" : found.plugin())
                .map(p -> p.status(found.app())
                        .map(r -> Optional.of(new DeploymentSummary(found.app().name(), found.app().namespace(),
                                p.name(), r.image(), r.desired(), r.ready(), r.state().json())))
                        .onFailure(AppNotFoundException.class).recoverWithItem(fallback))
                .orElse(Uni.createFrom().item(fallback));
    }

    private static Optional<String> label(HasMetadata o, String key) {
        return Optional.ofNullable(o.getMetadata().getLabels()).map(l -> l.get(key));
    }
}
