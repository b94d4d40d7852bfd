package io.rpik8s.deployment.change;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.deployment.config.DeploymentsConfig;
import io.rpik8s.deployment.kube.KubeCalls;
import io.rpik8s.deployment.kube.NamespaceGuard;
import io.rpik8s.deployment.kube.Rollouts;
import io.rpik8s.deployment.plugin.PluginRegistry;
import io.rpik8s.deployment.plugin.container.ContainerObjects;
import io.rpik8s.deployment.plugin.container.ContainerPlugin;
import io.rpik8s.deployment.status.DeploymentInspector;
import io.rpik8s.model.api.ProblemDetail.FieldError;
import io.rpik8s.model.events.DeploymentPayload;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.model.events.PlatformEvent;
import io.rpik8s.model.plugin.AppLabels;
import io.rpik8s.model.plugin.AppNotFoundException;
import io.rpik8s.model.plugin.AppRef;
import io.rpik8s.model.plugin.DeploymentConfig;
import io.rpik8s.model.plugin.DeploymentPlugin;
import io.rpik8s.model.plugin.DeploymentResult;
import io.rpik8s.model.plugin.FieldProblem;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every change to an app: validates it, applies it on the cluster (through the app's plugin or on its Deployment),
 * then records the audit entry and the event in one transaction. A failed change is audited and announces nothing.
 */
@ApplicationScoped
public class DeploymentService {

    public static final String SERVICE = "deployment-service";
    private static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    private final KubernetesClient client;
    private final PluginRegistry plugins;
    private final NamespaceGuard namespaces;
    private final DeploymentInspector inspector;
    private final ChangeRecorder recorder;
    private final DeploymentsConfig config;
    private final ObjectMapper mapper;

    public DeploymentService(KubernetesClient client, PluginRegistry plugins, NamespaceGuard namespaces,
            DeploymentInspector inspector, ChangeRecorder recorder, DeploymentsConfig config, ObjectMapper mapper) {
        this.client = client;
        this.plugins = plugins;
        this.namespaces = namespaces;
        this.inspector = inspector;
        this.recorder = recorder;
        this.config = config;
        this.mapper = mapper;
    }

    /** Deploys a new app; 409 when an app of that name exists in the namespace. */
    @WithSpan("DeploymentService.create")
    public Uni<DeploymentResult> create(DeployRequest request, String actor) {
        return Uni.createFrom().deferred(() -> {
            DeploymentPlugin plugin = plugins.require(request.pluginOrDefault(), "plugin");
            checkReplicas("replicas", request.replicasOrDefault());
            DeploymentConfig deployment = configOf(request, plugin.name());
            requireValid(plugin.validate(deployment));
            AppRef app = deployment.ref();
            return KubeCalls.run(() -> namespaces.ensureExists(app.namespace(),
                            Boolean.TRUE.equals(request.createNamespace())))
                    .chain(() -> exists(app))
                    .invoke(exists -> {
                        if (exists) {
                            throw ApiProblem.conflict("An app " + app + " already exists");
                        }
                    })
                    .chain(() -> deploy(plugin, deployment, actor, "create", EventTypes.DEPLOYMENT_CREATED, "api",
                            true));
        });
    }

    /**
     * Deploys {@code deployment} with {@code plugin} and records it; when {@code undoOnFailure}, a failure removes
     * what was created so nothing half-made stays behind.
     */
    public Uni<DeploymentResult> deploy(DeploymentPlugin plugin, DeploymentConfig deployment, String actor,
            String action, String eventType, String origin, boolean undoOnFailure) {
        AppRef app = deployment.ref();
        Map<String, Object> details = details(deployment);
        return plugin.deploy(deployment)
                .onFailure().call(e -> recorder.failed(actor, app, action, details, e.getMessage())
                        .chain(() -> undoOnFailure ? plugin.delete(app).onFailure().recoverWithNull()
                                : Uni.createFrom().voidItem()))
                .call(result -> recorder.succeeded(actor, app, action, details, event(eventType, actor,
                        new DeploymentPayload(app.name(), app.namespace(), result.desired(), imageOf(result),
                                plugin.name(), null, null, null, null, null, null, origin))));
    }

    /** Rolling update of the main container: image, env, resources. */
    @WithSpan("DeploymentService.update")
    public Uni<Deployment> update(AppRef app, UpdateRequest request, String actor) {
        if (request.image() == null && request.env() == null && request.resources() == null) {
            return Uni.createFrom().failure(ApiProblem.invalid("image", "give at least one of image, env, resources"));
        }
        if (request.resources() != null) {
            List<FieldProblem> problems = new ArrayList<>();
            ContainerPlugin.checkQuantities("resources.requests", request.resources().requests(), problems);
            ContainerPlugin.checkQuantities("resources.limits", request.resources().limits(), problems);
            requireValid(problems);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        putIfSet(details, "image", request.image());
        putIfSet(details, "env", request.env());
        putIfSet(details, "resources", request.resources());
        return change(app, actor, "update", details, d -> {
            String previousImage = DeploymentInspector.mainContainer(d).getImage();
            Deployment updated = client.apps().deployments().inNamespace(app.namespace()).withName(app.name())
                    .edit(x -> {
                        var c = DeploymentInspector.mainContainer(x);
                        if (request.image() != null) {
                            c.setImage(request.image());
                        }
                        if (request.env() != null) {
                            c.setEnv(ContainerObjects.env(request.env()));
                        }
                        if (request.resources() != null) {
                            c.setResources(ContainerObjects.resources(request.resources()));
                        }
                        return x;
                    });
            return new Outcome(updated, EventTypes.DEPLOYMENT_UPDATED, payload(updated, null, null, previousImage));
        });
    }

    @WithSpan("DeploymentService.scale")
    public Uni<Deployment> scale(AppRef app, int replicas, String actor) {
        return Uni.createFrom().deferred(() -> {
            checkReplicas("replicas", replicas);
            return change(app, actor, "scale", Map.of("replicas", replicas), d -> {
                int previous = Rollouts.desired(d);
                // an edit of spec.replicas: what the scale subresource does, and it works on every API server
                Deployment scaled = client.apps().deployments().inNamespace(app.namespace()).withName(app.name())
                        .edit(x -> {
                            x.getSpec().setReplicas(replicas);
                            return x;
                        });
                return new Outcome(scaled, EventTypes.DEPLOYMENT_SCALED, payload(scaled, null, previous, null));
            });
        });
    }

    /** {@code kubectl rollout restart}: a new pod-template annotation makes the controller replace every pod. */
    @WithSpan("DeploymentService.restart")
    public Uni<Deployment> restart(AppRef app, String actor) {
        return change(app, actor, "restart", Map.of(), d -> {
            Deployment restarted = client.apps().deployments().inNamespace(app.namespace()).withName(app.name())
                    .edit(x -> {
                        var meta = x.getSpec().getTemplate().getMetadata();
                        Map<String, String> annotations = meta.getAnnotations() == null ? new HashMap<>()
                                : new HashMap<>(meta.getAnnotations());
                        annotations.put(RESTARTED_AT, Instant.now().toString());
                        meta.setAnnotations(annotations);
                        return x;
                    });
            return new Outcome(restarted, EventTypes.DEPLOYMENT_RESTARTED, payload(restarted, null, null, null));
        });
    }

    /** {@code kubectl rollout undo}: the pod template of the chosen revision's ReplicaSet becomes the new one. */
    @WithSpan("DeploymentService.rollback")
    public Uni<Deployment> rollback(AppRef app, Long revision, String actor) {
        Map<String, Object> details = new HashMap<>();
        putIfSet(details, "revision", revision);
        return change(app, actor, "rollback", details, d -> {
            List<ReplicaSet> sets = inspector.replicaSetsOf(d);
            if (sets.isEmpty()) {
                throw ApiProblem.unprocessable("Deployment " + app + " has no revision history to roll back to");
            }
            long current = DeploymentInspector.revisionOf(sets.get(sets.size() - 1));
            Optional<ReplicaSet> target = revision == null
                    ? sets.stream().filter(rs -> DeploymentInspector.revisionOf(rs) < current)
                            .reduce((a, b) -> b)
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
            String previousImage = DeploymentInspector.mainContainer(d).getImage();
            Deployment rolledBack = client.apps().deployments().inNamespace(app.namespace()).withName(app.name())
                    .edit(x -> {
                        x.getSpec().setTemplate(template);
                        return x;
                    });
            long targetRevision = DeploymentInspector.revisionOf(target.get());
            details.put("toRevision", targetRevision);
            return new Outcome(rolledBack, EventTypes.DEPLOYMENT_ROLLED_BACK,
                    payload(rolledBack, targetRevision, null, previousImage));
        });
    }

    /** Deletes the app with every object its plugin created. */
    @WithSpan("DeploymentService.delete")
    public Uni<Void> delete(AppRef app, String actor, String origin) {
        return Uni.createFrom().deferred(() -> {
            namespaces.requireManaged(app.namespace());
            return pluginOf(app);
        }).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().failure(ApiProblem.notFound("No app " + app + " is managed by the platform"));
            }
            DeploymentPlugin plugin = found.get().getKey();
            DeploymentResult before = found.get().getValue();
            Map<String, Object> details = Map.of("plugin", plugin.name());
            return plugin.delete(app)
                    .onFailure().call(e -> recorder.failed(actor, app, "delete", details, e.getMessage()))
                    .call(() -> recorder.succeeded(actor, app, "delete", details, event(EventTypes.DEPLOYMENT_DELETED,
                            actor, new DeploymentPayload(app.name(), app.namespace(), null, imageOf(before),
                                    plugin.name(), null, before.desired(), null, null, null, null, origin))));
        });
    }

    /** The plugin that manages {@code app} and its status, asking each plugin in turn. */
    public Uni<Optional<Map.Entry<DeploymentPlugin, DeploymentResult>>> pluginOf(AppRef app) {
        return Multi.createFrom().iterable(plugins.plugins())
                .onItem().transformToUniAndConcatenate(p -> p.status(app)
                        .map(r -> Optional.of(Map.entry(p, r)))
                        .onFailure(AppNotFoundException.class).recoverWithItem(Optional.empty()))
                .filter(Optional::isPresent)
                .collect().first()
                .map(o -> o == null ? Optional.empty() : o);
    }

    private Uni<Boolean> exists(AppRef app) {
        return KubeCalls.call(() -> client.apps().deployments().inNamespace(app.namespace()).withName(app.name())
                        .get() != null)
                .chain(deployment -> deployment ? Uni.createFrom().item(true)
                        : pluginOf(app).map(Optional::isPresent));
    }

    /** What a Deployment change produced: the object after it and the event announcing it. */
    private record Outcome(Deployment deployment, String eventType, DeploymentPayload payload) {
    }

    /** Applies {@code change} to the existing Deployment on a worker, then records it or its failure. */
    private Uni<Deployment> change(AppRef app, String actor, String action, Map<String, Object> details,
            java.util.function.Function<Deployment, Outcome> change) {
        return KubeCalls.call(() -> {
                    namespaces.requireManaged(app.namespace());
                    return change.apply(inspector.require(app));
                })
                .onFailure(e -> !(e instanceof ApiProblem p && p.type() == io.rpik8s.model.api.ProblemType.NOT_FOUND))
                .call(e -> recorder.failed(actor, app, action, details, e.getMessage()))
                .call(o -> recorder.succeeded(actor, app, action, details,
                        event(o.eventType(), actor, o.payload())))
                .map(Outcome::deployment);
    }

    private static DeploymentPayload payload(Deployment d, Long revision, Integer previousReplicas,
            String previousImage) {
        return new DeploymentPayload(d.getMetadata().getName(), d.getMetadata().getNamespace(), Rollouts.desired(d),
                DeploymentInspector.mainContainer(d).getImage(), DeploymentInspector.pluginOf(d), revision,
                previousReplicas, previousImage, null, null, null, "api");
    }

    private static EventEnvelope event(String type, String actor, DeploymentPayload payload) {
        return EventEnvelope.of(SERVICE, PlatformEvent.deployment(type, payload, actor));
    }

    private DeploymentConfig configOf(DeployRequest request, String plugin) {
        Map<String, String> labels = new HashMap<>();
        if (request.labels() != null) {
            labels.putAll(request.labels());
        }
        labels.putAll(AppLabels.of(request.name(), plugin));
        Map<String, Object> settings = new HashMap<>();
        if (ContainerPlugin.NAME.equals(plugin)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> container = mapper.convertValue(request.containerSettings(), Map.class);
            settings.putAll(container);
        }
        if (request.config() != null) {
            settings.putAll(request.config());
        }
        return new DeploymentConfig(request.name(), request.namespace(), request.image(), request.replicasOrDefault(),
                labels, request.service() == null ? null : request.service().port(), settings);
    }

    private void checkReplicas(String field, int replicas) {
        if (replicas > config.maxReplicas()) {
            throw ApiProblem.invalid(field, "must be at most " + config.maxReplicas());
        }
    }

    private static void requireValid(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(problems.stream().map(p -> new FieldError(p.field(), p.reason())).toList());
        }
    }

    private static Map<String, Object> details(DeploymentConfig deployment) {
        Map<String, Object> details = new LinkedHashMap<>();
        putIfSet(details, "image", deployment.image());
        putIfSet(details, "replicas", deployment.replicas());
        putIfSet(details, "servicePort", deployment.servicePort());
        return details;
    }

    private static String imageOf(DeploymentResult result) {
        return result.image() == null ? "none" : result.image();
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
