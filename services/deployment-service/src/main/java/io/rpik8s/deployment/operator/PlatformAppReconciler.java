package io.rpik8s.deployment.operator;

import io.rpik8s.deployment.crd.ConditionTypes;
import io.rpik8s.deployment.crd.PlatformApp;
import io.rpik8s.deployment.crd.PlatformAppSpec;
import io.rpik8s.deployment.crd.PlatformAppStatus;

import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.rpik8s.deployment.change.AppChanges;
import io.rpik8s.deployment.change.AppRules;
import io.rpik8s.deployment.kube.ClusterCache;
import io.rpik8s.deployment.plugin.PluginRegistry;
import io.rpik8s.model.events.DeploymentPayload;
import io.rpik8s.model.plugin.AppNotFoundException;
import io.rpik8s.model.plugin.AppRef;
import io.rpik8s.model.plugin.DeploymentConfig;
import io.rpik8s.model.plugin.DeploymentPlugin;
import io.rpik8s.model.plugin.DeploymentResult;
import io.rpik8s.model.plugin.FieldProblem;
import io.rpik8s.model.plugin.RolloutState;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reconciles a PlatformApp into the objects its plugin creates, through the same path as the REST API (rules, audit
 * and outbox event included). Generation-aware: status-only changes of the PlatformApp do not trigger it; changes of
 * the Deployment made from it do (a secondary event source), so the status follows the rollout without a timer.
 * Invalid specs get a {@code ValidationError} condition and are not retried until the spec changes.
 */
@ControllerConfiguration(name = "platformapp", generationAwareEventProcessing = true)
public class PlatformAppReconciler implements Reconciler<PlatformApp>, Cleaner<PlatformApp> {

    static final String ACTOR = "platformapp-controller";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final AppChanges changes;
    private final AppRules rules;
    private final PluginRegistry plugins;
    private final OwnedDeployments owned;

    public PlatformAppReconciler(AppChanges changes, AppRules rules, PluginRegistry plugins, ClusterCache cache) {
        this.changes = changes;
        this.rules = rules;
        this.plugins = plugins;
        this.owned = new OwnedDeployments(cache);
        cache.deployments().listen(owned::changed);
    }

    @Override
    public List<EventSource<?, PlatformApp>> prepareEventSources(EventSourceContext<PlatformApp> context) {
        return List.of(owned);
    }

    @Override
    public UpdateControl<PlatformApp> reconcile(PlatformApp app, Context<PlatformApp> context) {
        long generation = app.getMetadata().getGeneration() == null ? 0 : app.getMetadata().getGeneration();
        PlatformAppStatus status = app.getStatus() == null ? new PlatformAppStatus() : app.getStatus();
        app.setStatus(status);
        boolean firstTime = status.getObservedGeneration() == null;
        boolean specChanged = firstTime || status.getObservedGeneration() != generation;
        status.setObservedGeneration(generation);
        DeploymentConfig desired = PlatformApps.configOf(app);
        List<FieldProblem> problems = app.getSpec() == null ? List.of(new FieldProblem("spec", "is required"))
                : rules.check(PlatformApps.pluginOf(app), desired);
        if (!problems.isEmpty()) {
            String message = problems.stream().map(p -> PlatformApps.fieldOf(p) + ": " + p.reason())
                    .collect(Collectors.joining("; "));
            String invalid = ConditionTypes.REASON_INVALID_SPEC;
            Conditions.set(status, generation, ConditionTypes.VALIDATION_ERROR, true, invalid, message);
            Conditions.set(status, generation, ConditionTypes.READY, false, invalid, message);
            Conditions.set(status, generation, ConditionTypes.PROGRESSING, false, invalid, message);
            // a spec error does not heal by retrying: wait for the next generation
            return UpdateControl.patchStatus(app);
        }
        DeploymentPlugin plugin = plugins.find(PlatformApps.pluginOf(app)).orElseThrow();
        // the reconciler runs on the operator's executor threads, so waiting for the plugin here is fine
        DeploymentResult result = specChanged ? deploy(plugin, desired, firstTime)
                : plugin.status(desired.ref())
                        .onFailure(AppNotFoundException.class).recoverWithUni(() -> {
                            // Deleted behind the platform's back: put it back as the spec says.
                            return Uni.createFrom().item(() -> deploy(plugin, desired, false));
                        })
                        .await().atMost(WAIT);
        Conditions.set(status, generation, ConditionTypes.VALIDATION_ERROR, false, ConditionTypes.REASON_VALID, "");
        status.setReplicas(result.ready());
        boolean ready = result.state() == RolloutState.COMPLETE;
        Conditions.set(status, generation, ConditionTypes.READY, ready, ready ? ConditionTypes.REASON_ROLLOUT_COMPLETE
                : ConditionTypes.REASON_ROLLOUT_IN_PROGRESS, result.ready() + "/" + result.desired() + " replicas ready");
        Conditions.set(status, generation, ConditionTypes.PROGRESSING, result.state() == RolloutState.PROGRESSING,
                result.state().json(), result.message());
        return UpdateControl.patchStatus(app);
    }

    private DeploymentResult deploy(DeploymentPlugin plugin, DeploymentConfig desired, boolean firstTime) {
        return changes.deploy(plugin, desired, ACTOR, firstTime, DeploymentPayload.ORIGIN_PLATFORMAPP, false)
                .await().atMost(WAIT);
    }

    @Override
    public DeleteControl cleanup(PlatformApp app, Context<PlatformApp> context) {
        AppRef ref = new AppRef(app.getMetadata().getNamespace(), app.getMetadata().getName());
        if (app.getSpec() != null && rules.check(PlatformApps.pluginOf(app), PlatformApps.configOf(app)).isEmpty()) {
            changes.delete(ref, ACTOR, DeploymentPayload.ORIGIN_PLATFORMAPP)
                    .onFailure(AppNotFoundException.class).recoverWithNull()
                    .await().atMost(WAIT);
        }
        return DeleteControl.defaultDelete();
    }
}
