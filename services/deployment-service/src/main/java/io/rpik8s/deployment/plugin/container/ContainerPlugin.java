package io.rpik8s.deployment.plugin.container;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.deployment.kube.Conflicts;
import io.rpik8s.deployment.kube.KubeCalls;
import io.rpik8s.deployment.kube.Rollouts;
import io.rpik8s.deployment.status.DeploymentInspector;
import io.rpik8s.model.plugin.AppLabels;
import io.rpik8s.model.plugin.AppNotFoundException;
import io.rpik8s.model.plugin.AppRef;
import io.rpik8s.model.plugin.AppUpdate;
import io.rpik8s.model.plugin.DeploymentConfig;
import io.rpik8s.model.plugin.DeploymentPlugin;
import io.rpik8s.model.plugin.DeploymentResult;
import io.rpik8s.model.plugin.FieldProblem;
import io.rpik8s.model.plugin.PluginOperation;
import io.rpik8s.model.plugin.Revision;
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

/** The built-in {@code container} plugin: one Deployment and, when a port is asked for, one Service. */
@ApplicationScoped
public class ContainerPlugin implements DeploymentPlugin {

    public static final String NAME = "container";

    private static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    private final KubernetesClient client;
    private final ObjectMapper mapper;
    private final DeploymentInspector inspector;

    public ContainerPlugin(KubernetesClient client, ObjectMapper mapper, DeploymentInspector inspector) {
        this.client = client;
        this.mapper = mapper;
        this.inspector = inspector;
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
        List<FieldProblem> problems = new ArrayList<>();
        if (config.image() == null || config.image().isBlank()) {
            problems.add(new FieldProblem("image", "is required by the container plugin"));
        }
        ContainerSettings settings;
        try {
            settings = settings(config);
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("config", "is not valid container settings: " + e.getMessage()));
            return problems;
        }
        if (settings.resources() != null) {
            checkQuantities("resources.requests", settings.resources().requests(), problems);
            checkQuantities("resources.limits", settings.resources().limits(), problems);
        }
        if (settings.env() != null) {
            for (int i = 0; i < settings.env().size(); i++) {
                var e = settings.env().get(i);
                int sources = (e.value() != null ? 1 : 0) + (e.secretKeyRef() != null ? 1 : 0)
                        + (e.configMapKeyRef() != null ? 1 : 0);
                if (sources != 1) {
                    problems.add(new FieldProblem("env[" + i + "]",
                            "needs exactly one of value, secretKeyRef, configMapKeyRef"));
                }
            }
        }
        return problems;
    }

    /** Checks every value parses as a Kubernetes quantity. */
    public static void checkQuantities(String field, Map<String, String> values, List<FieldProblem> problems) {
        if (values == null) {
            return;
        }
        values.forEach((resource, value) -> {
            try {
                if (value == null || Quantity.getAmountInBytes(new Quantity(value)).signum() < 0) {
                    problems.add(new FieldProblem(field + "." + resource, "must be a non-negative quantity"));
                }
            } catch (RuntimeException e) {
                problems.add(new FieldProblem(field + "." + resource,
                        "is not a Kubernetes quantity (e.g. 100m, 128Mi)"));
            }
        });
    }

    @Override
    public Uni<DeploymentResult> deploy(DeploymentConfig config) {
        return KubeCalls.call(() -> {
            ContainerSettings settings = settings(config);
            Map<String, String> labels = ContainerObjects.withSelector(config.labels(), config.name());
            DeploymentConfig labelled = new DeploymentConfig(config.name(), config.namespace(), config.image(),
                    config.replicas(), labels, config.servicePort(), config.settings());
            Deployment desired = ContainerObjects.deployment(labelled, settings);
            // No server-side apply on every cluster we target (nor in the mock): create, else replace the spec
            Deployment existing = client.apps().deployments().inNamespace(config.namespace())
                    .withName(config.name()).get();
            if (existing == null) {
                client.apps().deployments().resource(desired).create();
            } else {
                existing.getMetadata().setLabels(desired.getMetadata().getLabels());
                existing.setSpec(desired.getSpec());
                client.apps().deployments().resource(existing).update();
            }
            var services = client.services().inNamespace(config.namespace()).withName(config.name());
            if (config.servicePort() != null) {
                var service = ContainerObjects.service(labelled, settings);
                if (services.get() == null) {
                    client.services().resource(service).create();
                } else {
                    services.edit(s -> {
                        s.getMetadata().setLabels(service.getMetadata().getLabels());
                        s.getSpec().setPorts(service.getSpec().getPorts());
                        s.getSpec().setType(service.getSpec().getType());
                        s.getSpec().setSelector(service.getSpec().getSelector());
                        return s;
                    });
                }
            } else if (services.get() != null && isOurs(services.get().getMetadata().getLabels())) {
                services.delete();
            }
            return resultOf(client.apps().deployments().inNamespace(config.namespace()).withName(config.name())
                    .get(), config.servicePort() != null);
        });
    }

    @Override
    public Uni<DeploymentResult> status(AppRef app) {
        return KubeCalls.call(() -> {
            Deployment d = ours(app);
            boolean service = client.services().inNamespace(app.namespace()).withName(app.name()).get() != null;
            return resultOf(d, service);
        });
    }

    @Override
    public Uni<Void> delete(AppRef app) {
        return KubeCalls.run(() -> {
            var service = client.services().inNamespace(app.namespace()).withName(app.name());
            var s = service.get();
            if (s != null && isOurs(s.getMetadata().getLabels())) {
                service.delete();
            }
            var deployment = client.apps().deployments().inNamespace(app.namespace()).withName(app.name());
            var d = deployment.get();
            if (d != null && isOurs(d.getMetadata().getLabels())) {
                deployment.delete();
            }
        });
    }

    /** Rolling update of the main container: {@code image}, and {@code env} / {@code resources} from the settings. */
    @Override
    public Uni<DeploymentResult> update(AppRef app, AppUpdate update) {
        ContainerSettings changes = update.settings().isEmpty() ? ContainerSettings.empty()
                : mapper.convertValue(update.settings(), ContainerSettings.class);
        return edit(app, x -> {
            var c = DeploymentInspector.mainContainer(x);
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
        return KubeCalls.call(() -> {
            List<ReplicaSet> sets = inspector.replicaSetsOf(ours(app));
            long current = sets.isEmpty() ? -1 : DeploymentInspector.revisionOf(sets.get(sets.size() - 1));
            return sets.stream().map(rs -> revisionOf(rs, current)).toList();
        });
    }

    /** {@code kubectl rollout undo}: the pod template of the chosen revision's ReplicaSet becomes the new one. */
    @Override
    public Uni<Revision> rollback(AppRef app, Long revision) {
        return KubeCalls.call(() -> {
            List<ReplicaSet> sets = inspector.replicaSetsOf(ours(app));
            if (sets.isEmpty()) {
                throw ApiProblem.unprocessable("Deployment " + app + " has no revision history to roll back to");
            }
            long current = DeploymentInspector.revisionOf(sets.get(sets.size() - 1));
            Optional<ReplicaSet> target = revision == null
                    ? sets.stream().filter(rs -> DeploymentInspector.revisionOf(rs) < current).reduce((a, b) -> b)
                    : sets.stream().filter(rs -> DeploymentInspector.revisionOf(rs) == revision).findFirst();
            if (target.isEmpty()) {
                if (revision == null) {
                    throw ApiProblem.unprocessable("Deployment " + app + " has no previous revision");
                }
                throw ApiProblem.invalid("revision", "no revision " + revision + " (known: "
                        + sets.stream().map(rs -> String.valueOf(DeploymentInspector.revisionOf(rs))).toList() + ")");
            }
            var template = target.get().getSpec().getTemplate();
            if (template.getMetadata().getLabels() != null) {
                Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
                labels.remove("pod-template-hash");
                template.getMetadata().setLabels(labels);
            }
            Conflicts.retry(() -> client.apps().deployments().inNamespace(app.namespace()).withName(app.name())
                    .edit(x -> {
                        x.getSpec().setTemplate(template);
                        return x;
                    }));
            return revisionOf(target.get(), DeploymentInspector.revisionOf(target.get()));
        });
    }

    /** Applies {@code change} to the app's Deployment on a worker; the app's status after it. */
    private Uni<DeploymentResult> edit(AppRef app, UnaryOperator<Deployment> change) {
        return KubeCalls.call(() -> {
            ours(app);
            Deployment changed = Conflicts.retry(() -> client.apps().deployments().inNamespace(app.namespace())
                    .withName(app.name()).edit(change));
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

    private static Revision revisionOf(ReplicaSet rs, long current) {
        long number = DeploymentInspector.revisionOf(rs);
        return new Revision(number, rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(),
                rs.getMetadata().getCreationTimestamp(), rs.getMetadata().getName(), number == current);
    }

    private ContainerSettings settings(DeploymentConfig config) {
        return config.settings().isEmpty() ? ContainerSettings.empty()
                : mapper.convertValue(config.settings(), ContainerSettings.class);
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
                Rollouts.stateOf(d, List.of()), d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(),
                Rollouts.desired(d), Rollouts.ready(d), null, objects, Map.of());
    }

}
