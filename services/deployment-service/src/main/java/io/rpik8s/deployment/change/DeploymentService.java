package io.rpik8s.deployment.change;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.deployment.config.DeploymentsConfig;
import io.rpik8s.deployment.kube.KubeCalls;
import io.rpik8s.deployment.kube.NamespaceGuard;
import io.rpik8s.deployment.plugin.PluginRegistry;
import io.rpik8s.deployment.plugin.container.ContainerPlugin;
import io.rpik8s.model.api.ProblemDetail.FieldError;
import io.rpik8s.model.events.DeploymentPayload;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.model.events.PlatformEvent;
import io.rpik8s.model.plugin.AppLabels;
import io.rpik8s.model.plugin.AppNotFoundException;
import io.rpik8s.model.plugin.AppRef;
import io.rpik8s.model.plugin.AppUpdate;
import io.rpik8s.model.plugin.DeploymentConfig;
import io.rpik8s.model.plugin.DeploymentPlugin;
import io.rpik8s.model.plugin.DeploymentResult;
import io.rpik8s.model.plugin.FieldProblem;
import io.rpik8s.model.plugin.PluginOperation;
import io.rpik8s.model.plugin.PluginOperationUnsupported;
import io.rpik8s.model.plugin.Revision;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Every change to an app: validates it, applies it on the cluster (always through the app's plugin),
 * then records the audit entry and the event in one transaction. A failed change is audited and announces nothing.
 */
@ApplicationScoped
public class DeploymentService {

    public static final String SERVICE = "deployment-service";

    private final KubernetesClient client;
    private final PluginRegistry plugins;
    private final NamespaceGuard namespaces;
    private final ChangeRecorder recorder;
    private final DeploymentsConfig config;
    private final ObjectMapper mapper;

    public DeploymentService(KubernetesClient client, PluginRegistry plugins, NamespaceGuard namespaces,
            ChangeRecorder recorder, DeploymentsConfig config, ObjectMapper mapper) {
        this.client = client;
        this.plugins = plugins;
        this.namespaces = namespaces;
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
                .onFailure().call(e -> recorder.failed(actor, app, action, details, e.getMessage()))
                .call(result -> recorder.succeeded(actor, app, action, details, event(eventType, actor,
                        new DeploymentPayload(app.name(), app.namespace(), result.desired(), imageOf(result),
                                plugin.name(), null, null, null, null, null, null, origin))))
                // Also when recording fails (PostgreSQL down): an app whose event was never committed must not stay.
                .onFailure().call(e -> undoOnFailure ? plugin.delete(app).onFailure().recoverWithNull()
                        : Uni.createFrom().voidItem());
    }

    /** Rolling update of the main container (image, env, resources), by the app's plugin. */
    @WithSpan("DeploymentService.update")
    public Uni<Void> update(AppRef app, UpdateRequest request, String actor) {
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
        Map<String, Object> settings = new LinkedHashMap<>();
        putIfSet(settings, "env", request.env() == null ? null : mapper.convertValue(request.env(), List.class));
        putIfSet(settings, "resources", request.resources() == null ? null
                : mapper.convertValue(request.resources(), Map.class));
        AppUpdate update = new AppUpdate(request.image(), settings);
        return change(app, actor, "update", details, PluginOperation.UPDATE, EventTypes.DEPLOYMENT_UPDATED,
                (plugin, before) -> plugin.update(app, update)
                        .map(after -> payload(plugin, after, null, null, before.image())));
    }

    @WithSpan("DeploymentService.scale")
    public Uni<Void> scale(AppRef app, int replicas, String actor) {
        return Uni.createFrom().deferred(() -> {
            checkReplicas("replicas", replicas);
            return change(app, actor, "scale", Map.of("replicas", replicas), PluginOperation.SCALE,
                    EventTypes.DEPLOYMENT_SCALED, (plugin, before) -> plugin.scale(app, replicas)
                            .map(after -> payload(plugin, after, null, before.desired(), null)));
        });
    }

    /** Rollout restart of every pod of the app, by its plugin. */
    @WithSpan("DeploymentService.restart")
    public Uni<Void> restart(AppRef app, String actor) {
        return change(app, actor, "restart", Map.of(), PluginOperation.RESTART, EventTypes.DEPLOYMENT_RESTARTED,
                (plugin, before) -> plugin.restart(app).map(after -> payload(plugin, after, null, null, null)));
    }

    /** Returns the app to {@code revision} (default: the previous one), by its plugin. */
    @WithSpan("DeploymentService.rollback")
    public Uni<Void> rollback(AppRef app, Long revision, String actor) {
        Map<String, Object> details = new HashMap<>();
        putIfSet(details, "revision", revision);
        return change(app, actor, "rollback", details, PluginOperation.ROLLBACK, EventTypes.DEPLOYMENT_ROLLED_BACK,
                (plugin, before) -> plugin.rollback(app, revision)
                        .invoke(target -> details.put("toRevision", target.number()))
                        .chain(target -> plugin.status(app)
                                .map(after -> payload(plugin, after, target.number(), null, before.image()))));
    }

    /** The app's rollout history, from its plugin. */
    @WithSpan("DeploymentService.revisions")
    public Uni<List<Revision>> revisions(AppRef app) {
        return requirePlugin(app, PluginOperation.REVISIONS)
                .chain(found -> found.getKey().revisions(app))
                .onFailure(PluginOperationUnsupported.class).transform(DeploymentService::unprocessable);
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

    /** The app's plugin and its status before a change; 404 when none manages it, 422 when it lacks {@code op}. */
    private Uni<Map.Entry<DeploymentPlugin, DeploymentResult>> requirePlugin(AppRef app, PluginOperation op) {
        return Uni.createFrom().deferred(() -> {
            namespaces.requireManaged(app.namespace());
            return pluginOf(app);
        }).map(found -> {
            var entry = found.orElseThrow(() -> ApiProblem.notFound("No app " + app + " is managed by the platform"));
            if (!entry.getKey().supportedOperations().contains(op)) {
                throw new PluginOperationUnsupported(entry.getKey().name(), op);
            }
            return entry;
        });
    }

    /**
     * Applies a change through the app's plugin, then records it with its event, or records its failure. Refusals
     * (no such app, an operation the plugin lacks) change nothing and are not audited.
     */
    private Uni<Void> change(AppRef app, String actor, String action, Map<String, Object> details,
            PluginOperation op, String eventType,
            BiFunction<DeploymentPlugin, DeploymentResult, Uni<DeploymentPayload>> change) {
        return requirePlugin(app, op)
                .chain(found -> {
                    DeploymentPlugin plugin = found.getKey();
                    return change.apply(plugin, found.getValue())
                            .onFailure(PluginOperationUnsupported.class).transform(DeploymentService::unprocessable)
                            .onFailure().call(e -> recorder.failed(actor, app, action, details, e.getMessage()))
                            .call(payload -> recorder.succeeded(actor, app, action, details,
                                    event(eventType, actor, payload)));
                })
                .onFailure(PluginOperationUnsupported.class).transform(DeploymentService::unprocessable)
                .replaceWithVoid();
    }

    private static Throwable unprocessable(Throwable e) {
        return ApiProblem.unprocessable(e.getMessage());
    }

    private static DeploymentPayload payload(DeploymentPlugin plugin, DeploymentResult after, Long revision,
            Integer previousReplicas, String previousImage) {
        return new DeploymentPayload(after.app().name(), after.app().namespace(), after.desired(), imageOf(after),
                plugin.name(), revision, previousReplicas, previousImage, null, null, null, "api");
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
