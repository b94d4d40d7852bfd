package io.rpik8s.deployment.change;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.rpik8s.deployment.kube.NamespaceGuard;
import io.rpik8s.deployment.plugin.ManagedApp;
import io.rpik8s.deployment.plugin.PluginRegistry;
import io.rpik8s.model.events.DeploymentEvents;
import io.rpik8s.model.events.DeploymentPayload;
import io.rpik8s.model.events.PlatformEvent;
import io.rpik8s.model.plugin.AppConflictException;
import io.rpik8s.model.plugin.AppNotFoundException;
import io.rpik8s.model.plugin.AppRef;
import io.rpik8s.model.plugin.AppUpdate;
import io.rpik8s.model.plugin.BlockingCalls;
import io.rpik8s.model.plugin.DeploymentConfig;
import io.rpik8s.model.plugin.DeploymentPlugin;
import io.rpik8s.model.plugin.DeploymentResult;
import io.rpik8s.model.plugin.InvalidAppException;
import io.rpik8s.model.plugin.PluginOperation;
import io.rpik8s.model.plugin.PluginOperationUnsupported;
import io.rpik8s.model.plugin.Revision;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The write side: every change to an app. It checks the app against {@link AppRules}, makes the change through
 * the app's plugin, then records the audit entry and the event in one transaction. A failed change is audited and
 * announces nothing; a refused one (invalid, unknown app, an operation the plugin lacks) changes nothing and is
 * not audited.
 */
@ApplicationScoped
public class AppChanges {

    public static final String SERVICE = "deployment-service";

    private final PluginRegistry plugins;
    private final AppRules rules;
    private final NamespaceGuard namespaces;
    private final ChangeRecorder recorder;
    private final OwnChanges own;

    public AppChanges(PluginRegistry plugins, AppRules rules, NamespaceGuard namespaces, ChangeRecorder recorder,
            OwnChanges own) {
        this.plugins = plugins;
        this.rules = rules;
        this.namespaces = namespaces;
        this.recorder = recorder;
        this.own = own;
    }

    /**
     * Deploys a new app with the plugin {@code pluginName}; a conflict when an app of that name exists. The check
     * reads the cluster cache, so a create costs the plugin's writes and, at most, one look at the namespace.
     */
    @WithSpan("AppChanges.create")
    public Uni<DeploymentResult> create(String pluginName, DeploymentConfig app, boolean createNamespace,
            String actor) {
        return Uni.createFrom().deferred(() -> {
            DeploymentPlugin plugin = plugins.require(pluginName, "plugin");
            rules.require(pluginName, app);
            if (plugins.isTaken(app.ref())) {
                throw new AppConflictException("An app " + app.ref() + " already exists");
            }
            return BlockingCalls.run(() -> namespaces.ensureExists(app.namespace(), createNamespace))
                    .chain(() -> deploy(plugin, app, actor, true, DeploymentPayload.ORIGIN_API, true));
        });
    }

    /**
     * Deploys {@code app} with {@code plugin} and records it as created ({@code firstTime}) or updated; when
     * {@code undoOnFailure}, a failure removes what was created so nothing half-made stays behind.
     */
    public Uni<DeploymentResult> deploy(DeploymentPlugin plugin, DeploymentConfig app, String actor,
            boolean firstTime, String origin, boolean undoOnFailure) {
        String action = firstTime ? Actions.CREATE : Actions.UPDATE;
        Map<String, Object> details = details(app);
        // a new app's Deployment appears (no change to tell apart); a redeploy changes it: ours, not the cluster's
        Uni<DeploymentResult> deployed = firstTime ? plugin.deploy(app) : own.around(app.ref(), plugin.deploy(app));
        return deployed
                .onFailure().call(e -> recorder.failed(actor, app.ref(), action, details, e.getMessage()))
                .call(result -> {
                    DeploymentPayload payload = payload(plugin, result, origin);
                    PlatformEvent event = firstTime ? DeploymentEvents.created(payload, actor)
                            : DeploymentEvents.updated(payload, null, actor);
                    return recorder.succeeded(actor, app.ref(), action, details, event);
                })
                // Also when recording fails (PostgreSQL down): an app whose event was never committed must not stay.
                .onFailure().call(e -> undoOnFailure ? plugin.delete(app.ref()).onFailure().recoverWithNull()
                        : Uni.createFrom().voidItem());
    }

    /** Rolling update of the main container (image and plugin settings), by the app's plugin. */
    @WithSpan("AppChanges.update")
    public Uni<Void> update(AppRef app, AppUpdate update, Map<String, Object> details, String actor) {
        return change(app, actor, Actions.UPDATE, details, PluginOperation.UPDATE,
                (plugin, before) -> plugin.update(app, update).map(after -> DeploymentEvents.updated(
                        payload(plugin, after, DeploymentPayload.ORIGIN_API), before.image(), actor)));
    }

    @WithSpan("AppChanges.scale")
    public Uni<Void> scale(AppRef app, int replicas, String actor) {
        return Uni.createFrom().deferred(() -> {
            rules.requireReplicas("replicas", replicas);
            return change(app, actor, Actions.SCALE, Map.of("replicas", replicas), PluginOperation.SCALE,
                    (plugin, before) -> plugin.scale(app, replicas).map(after -> DeploymentEvents.scaled(
                            payload(plugin, after, DeploymentPayload.ORIGIN_API), before.desired(), after.desired(),
                            actor)));
        });
    }

    /** Rollout restart of every pod of the app, by its plugin. */
    @WithSpan("AppChanges.restart")
    public Uni<Void> restart(AppRef app, String actor) {
        return change(app, actor, Actions.RESTART, Map.of(), PluginOperation.RESTART,
                (plugin, before) -> plugin.restart(app).map(after -> DeploymentEvents.restarted(
                        payload(plugin, after, DeploymentPayload.ORIGIN_API), actor)));
    }

    /** Returns the app to {@code revision} (default: the previous one), by its plugin. */
    @WithSpan("AppChanges.rollback")
    public Uni<Void> rollback(AppRef app, Long revision, String actor) {
        Map<String, Object> details = new HashMap<>();
        putIfSet(details, "revision", revision);
        return change(app, actor, Actions.ROLLBACK, details, PluginOperation.ROLLBACK,
                (plugin, before) -> plugin.rollback(app, revision)
                        .invoke(target -> details.put("toRevision", target.number()))
                        .chain(target -> plugin.status(app).map(after -> DeploymentEvents.rolledBack(
                                payload(plugin, after, DeploymentPayload.ORIGIN_API), target.number(),
                                before.image(), actor))));
    }

    /** The app's rollout history, from its plugin. */
    @WithSpan("AppChanges.revisions")
    public Uni<List<Revision>> revisions(AppRef app) {
        return requirePlugin(app, PluginOperation.REVISIONS).chain(found -> found.plugin().revisions(app));
    }

    /** Deletes the app with every object its plugin created. */
    @WithSpan("AppChanges.delete")
    public Uni<Void> delete(AppRef app, String actor, String origin) {
        return managed(app).chain(found -> {
            DeploymentPlugin plugin = found.plugin();
            DeploymentResult before = found.status();
            Map<String, Object> details = Map.of("plugin", plugin.name());
            return own.around(app, plugin.delete(app))
                    .onFailure().call(e -> recorder.failed(actor, app, Actions.DELETE, details, e.getMessage()))
                    .call(() -> recorder.succeeded(actor, app, Actions.DELETE, details, DeploymentEvents.deleted(
                            payload(plugin, before, origin), before.desired(), actor)));
        });
    }

    /** The app's plugin and its status; not found when no plugin manages it. */
    private Uni<ManagedApp> managed(AppRef app) {
        return Uni.createFrom().deferred(() -> {
            namespaces.requireManaged(app.namespace());
            return plugins.managerOf(app);
        }).map(found -> found.orElseThrow(() -> new AppNotFoundException("No app " + app
                + " is managed by the platform")));
    }

    /** As {@link #managed}, refusing an operation the plugin does not offer. */
    private Uni<ManagedApp> requirePlugin(AppRef app, PluginOperation op) {
        return managed(app).invoke(found -> {
            if (!found.plugin().supportedOperations().contains(op)) {
                throw new PluginOperationUnsupported(found.plugin().name(), op);
            }
        });
    }

    /** Applies a change through the app's plugin, then records it with the event it computed, or its failure. */
    private Uni<Void> change(AppRef app, String actor, String action, Map<String, Object> details,
            PluginOperation op, BiFunction<DeploymentPlugin, DeploymentResult, Uni<PlatformEvent>> change) {
        return requirePlugin(app, op)
                .chain(found -> own.around(app, change.apply(found.plugin(), found.status()))
                        .onFailure(e -> !isRefusal(e))
                        .call(e -> recorder.failed(actor, app, action, details, e.getMessage()))
                        .call(event -> recorder.succeeded(actor, app, action, details, event)))
                .replaceWithVoid();
    }

    private static boolean isRefusal(Throwable e) {
        return e instanceof InvalidAppException || e instanceof PluginOperationUnsupported;
    }

    private static DeploymentPayload payload(DeploymentPlugin plugin, DeploymentResult result, String origin) {
        return DeploymentPayload.app(result.app().name(), result.app().namespace(), result.desired(),
                result.image() == null ? "none" : result.image(), plugin.name(), origin);
    }

    private static Map<String, Object> details(DeploymentConfig app) {
        Map<String, Object> details = new LinkedHashMap<>();
        putIfSet(details, "image", app.image());
        putIfSet(details, "replicas", app.replicas());
        putIfSet(details, "servicePort", app.servicePort());
        return details;
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
