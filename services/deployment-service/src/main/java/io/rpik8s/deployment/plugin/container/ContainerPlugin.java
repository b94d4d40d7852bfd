package io.rpik8s.deployment.plugin.container;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.rpik8s.model.plugin.AppLabels;
import io.rpik8s.model.plugin.AppNotFoundException;
import io.rpik8s.model.plugin.AppRef;
import io.rpik8s.model.plugin.AppUpdate;
import io.rpik8s.model.plugin.BlockingCalls;
import io.rpik8s.model.plugin.DeploymentConfig;
import io.rpik8s.model.plugin.DeploymentPlugin;
import io.rpik8s.model.plugin.DeploymentResult;
import io.rpik8s.model.plugin.FieldProblem;
import io.rpik8s.model.plugin.InvalidAppException;
import io.rpik8s.model.plugin.PluginOperation;
import io.rpik8s.model.plugin.Revision;
import io.rpik8s.model.plugin.kube.Conflicts;
import io.rpik8s.model.plugin.kube.PlatformWrites;
import io.rpik8s.model.plugin.kube.Rollouts;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The built-in {@code container} plugin: one Deployment and, when a port is asked for, one Service. It uses only
 * the plugin SPI ({@code io.rpik8s.model.plugin}) and the Kubernetes client, as an external plugin would.
 */
@ApplicationScoped
public class ContainerPlugin implements DeploymentPlugin {

    public static final String NAME = "container";

    private static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    private final KubernetesClient client;
    private final ObjectMapper mapper;
    private final ContainerRevisions history;
    private final SidecarConfig sidecar;
    private final ContainerRules rules;

    public ContainerPlugin(KubernetesClient client, ObjectMapper mapper, SidecarConfig sidecar, HistoryConfig history) {
        this.client = client;
        this.mapper = mapper;
        this.rules = new ContainerRules(mapper);
        this.history = new ContainerRevisions(client, history.controllerWait());
        this.sidecar = sidecar;
    }

    @Override
    public Set<PluginOperation> supportedOperations() {
        return EnumSet.allOf(PluginOperation.class);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "A container image as a Deployment, with an optional Service";
    }

    @Override
    public List<FieldProblem> validate(DeploymentConfig config) {
        return rules.problems(config);
    }

    /**
     * Creates the Deployment (and Service), or replaces their specs when they exist. A new app costs one request
     * per object: the create answers with the object, and a Service to remove can only exist beside an old one.
     */
    @Override
    public Uni<DeploymentResult> deploy(DeploymentConfig config) {
        return BlockingCalls.call(() -> {
            ContainerSettings settings = settings(config.settings());
            Map<String, String> labels = ContainerObjects.withSelector(config.labels(), config.name());
            DeploymentConfig labelled = new DeploymentConfig(config.name(), config.namespace(), config.image(),
                    config.replicas(), labels, config.servicePort(), config.settings());
            Deployment desired = ContainerObjects.deployment(labelled, settings);
            if (Boolean.TRUE.equals(settings.sidecar())) {
                SidecarContainer.addTo(desired.getSpec().getTemplate().getSpec(), labelled, settings, sidecar);
            }
            // No server-side apply on every cluster we target (nor in the mock): create, else replace the spec
            Deployment applied = created(PlatformWrites.stamp(desired));
            boolean isNew = applied != null;
            if (!isNew) {
                applied = Conflicts.retry(() -> client.apps().deployments().inNamespace(config.namespace())
                        .withName(config.name()).edit(existing -> {
                            existing.getMetadata().setLabels(desired.getMetadata().getLabels());
                            existing.setSpec(desired.getSpec());
                            return PlatformWrites.stamp(existing);
                        }));
            }
            if (config.servicePort() != null) {
                Service service = ContainerObjects.service(labelled, settings);
                if (created(service) == null) {
                    client.services().inNamespace(config.namespace()).withName(config.name()).edit(s -> {
                        s.getMetadata().setLabels(service.getMetadata().getLabels());
                        s.getSpec().setPorts(service.getSpec().getPorts());
                        s.getSpec().setType(service.getSpec().getType());
                        s.getSpec().setSelector(service.getSpec().getSelector());
                        return s;
                    });
                }
            } else if (!isNew) {
                var services = client.services().inNamespace(config.namespace()).withName(config.name());
                Service old = services.get();
                if (old != null && isOurs(old.getMetadata().getLabels())) {
                    services.delete();
                }
            }
            return resultOf(applied, config.servicePort() != null);
        });
    }

    /** The object as created, or null when one of that name exists already (409). */
    private <T extends HasMetadata> T created(T object) {
        try {
            return client.resource(object).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return null;
            }
            throw e;
        }
    }

    @Override
    public Uni<DeploymentResult> status(AppRef app) {
        return BlockingCalls.call(() -> {
            Deployment d = ours(app);
            boolean service = client.services().inNamespace(app.namespace()).withName(app.name()).get() != null;
            return resultOf(d, service);
        });
    }

    /** From the cached Deployment of the app's name, when it is ours. */
    @Override
    public Optional<DeploymentResult> statusOf(AppRef app, List<HasMetadata> objects) {
        return objects.stream().filter(o -> o instanceof Deployment && app.name().equals(o.getMetadata().getName())
                && isOurs(o.getMetadata().getLabels())).findFirst().map(d -> resultOf((Deployment) d, false));
    }

    @Override
    public Uni<Void> delete(AppRef app) {
        return BlockingCalls.run(() -> {
            var service = client.services().inNamespace(app.namespace()).withName(app.name());
            var s = service.get();
            if (s != null && isOurs(s.getMetadata().getLabels())) {
                service.delete();
            }
            var d = client.apps().deployments().inNamespace(app.namespace()).withName(app.name()).get();
            if (d != null && isOurs(d.getMetadata().getLabels())) {
                PlatformWrites.delete(client, d, app.namespace());
            }
        });
    }

    /** Rolling update of the main container: {@code image}, and {@code env} / {@code resources} from the settings. */
    @Override
    public Uni<DeploymentResult> update(AppRef app, AppUpdate update) {
        ContainerSettings changes = settings(update.settings());
        List<FieldProblem> problems = ContainerRules.resourceProblems(changes.resources());
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(new InvalidAppException(problems));
        }
        return edit(app, x -> {
            var c = x.getSpec().getTemplate().getSpec().getContainers().get(0);
            if (update.image() != null) {
                c.setImage(update.image());
            }
            if (update.settings().containsKey("env")) {
                c.setEnv(ContainerObjects.env(changes.env()));
            }
            if (update.settings().containsKey("resources")) {
                c.setResources(ContainerObjects.resources(changes.resources()));
            }
            return x;
        });
    }

    /** An edit of spec.replicas: what the scale subresource does, and it works on every API server. */
    @Override
    public Uni<DeploymentResult> scale(AppRef app, int replicas) {
        return edit(app, x -> {
            x.getSpec().setReplicas(replicas);
            return x;
        });
    }

    /** {@code kubectl rollout restart}: a new pod-template annotation makes the controller replace every pod. */
    @Override
    public Uni<DeploymentResult> restart(AppRef app) {
        return edit(app, x -> {
            var meta = x.getSpec().getTemplate().getMetadata();
            Map<String, String> annotations = meta.getAnnotations() == null ? new HashMap<>()
                    : new HashMap<>(meta.getAnnotations());
            annotations.put(RESTARTED_AT, Instant.now().toString());
            meta.setAnnotations(annotations);
            return x;
        });
    }

    /** The history kept by the Deployment's ReplicaSets. */
    @Override
    public Uni<List<Revision>> revisions(AppRef app) {
        return BlockingCalls.call(() -> history.of(ours(app)));
    }

    /** {@code kubectl rollout undo}: the pod template of the chosen revision's ReplicaSet becomes the new one. */
    @Override
    public Uni<Revision> rollback(AppRef app, Long revision) {
        return BlockingCalls.call(() -> history.rollBack(ours(app), revision));
    }

    /** Applies {@code change} to the app's Deployment on a worker, stamped as the platform's; its status after. */
    private Uni<DeploymentResult> edit(AppRef app, UnaryOperator<Deployment> change) {
        return BlockingCalls.call(() -> {
            ours(app);
            Deployment changed = Conflicts.retry(() -> client.apps().deployments().inNamespace(app.namespace())
                    .withName(app.name()).edit(x -> PlatformWrites.stamp(change.apply(x))));
            boolean service = client.services().inNamespace(app.namespace()).withName(app.name()).get() != null;
            return resultOf(changed, service);
        });
    }

    /** The app's Deployment, when this plugin made it. */
    private Deployment ours(AppRef app) {
        Deployment d = client.apps().deployments().inNamespace(app.namespace()).withName(app.name()).get();
        if (d == null || !isOurs(d.getMetadata().getLabels())) {
            throw new AppNotFoundException(app);
        }
        return d;
    }

    private ContainerSettings settings(Map<String, Object> settings) {
        return settings.isEmpty() ? ContainerSettings.empty() : mapper.convertValue(settings, ContainerSettings.class);
    }

    private static boolean isOurs(Map<String, String> labels) {
        return labels != null && NAME.equals(labels.get(AppLabels.PLUGIN));
    }

    private static DeploymentResult resultOf(Deployment d, boolean service) {
        List<String> objects = new ArrayList<>(List.of("Deployment/" + d.getMetadata().getName()));
        if (service) {
            objects.add("Service/" + d.getMetadata().getName());
        }
        return new DeploymentResult(new AppRef(d.getMetadata().getNamespace(), d.getMetadata().getName()),
                Rollouts.stateOf(d, List.of()), Rollouts.image(d), Rollouts.desired(d), Rollouts.ready(d), null,
                objects, Map.of());
    }
}
