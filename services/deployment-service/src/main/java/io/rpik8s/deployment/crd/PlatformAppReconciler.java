package io.rpik8s.deployment.crd;

import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.rpik8s.deployment.change.DeploymentService;
import io.rpik8s.deployment.change.Names;
import io.rpik8s.deployment.config.DeploymentsConfig;
import io.rpik8s.deployment.plugin.PluginRegistry;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.model.plugin.AppLabels;
import io.rpik8s.model.plugin.AppNotFoundException;
import io.rpik8s.model.plugin.AppRef;
import io.rpik8s.model.plugin.DeploymentConfig;
import io.rpik8s.model.plugin.DeploymentPlugin;
import io.rpik8s.model.plugin.DeploymentResult;
import io.rpik8s.model.plugin.FieldProblem;
import io.rpik8s.model.plugin.RolloutState;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reconciles a PlatformApp into the objects its plugin creates, through the same path as the REST API (audit and
 * outbox event included). Generation-aware: status-only changes do not trigger it. Invalid specs get a
 * {@code ValidationError} condition and are not retried until the spec changes.
 */
@ControllerConfiguration(name = "platformapp", generationAwareEventProcessing = true)
public class PlatformAppReconciler implements Reconciler<PlatformApp>, Cleaner<PlatformApp> {

    static final String ACTOR = "platformapp-controller";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration ROLLOUT_POLL = Duration.ofSeconds(3);
    private static final Duration RESYNC = Duration.ofMinutes(2);

    private final DeploymentService deployments;
    private final PluginRegistry plugins;
    private final DeploymentsConfig config;

    public PlatformAppReconciler(DeploymentService deployments, PluginRegistry plugins, DeploymentsConfig config) {
        this.deployments = deployments;
        this.plugins = plugins;
        this.config = config;
    }

    @Override
    public UpdateControl<PlatformApp> reconcile(PlatformApp app, Context<PlatformApp> context) {
        long generation = app.getMetadata().getGeneration() == null ? 0 : app.getMetadata().getGeneration();
        PlatformAppStatus status = app.getStatus() == null ? new PlatformAppStatus() : app.getStatus();
        app.setStatus(status);
        boolean firstTime = status.getObservedGeneration() == null;
        boolean specChanged = firstTime || status.getObservedGeneration() != generation;
        status.setObservedGeneration(generation);
        List<FieldProblem> problems = validate(app);
        Optional<DeploymentPlugin> plugin = plugins.find(pluginOf(app));
        DeploymentConfig desired = configOf(app);
        if (problems.isEmpty() && plugin.isPresent()) {
            problems.addAll(plugin.get().validate(desired));
        }
        if (!problems.isEmpty()) {
            String message = problems.stream().map(p -> "spec." + p.field() + ": " + p.reason())
                    .collect(Collectors.joining("; "));
            Conditions.set(status, generation, "ValidationError", true, "InvalidSpec", message);
            Conditions.set(status, generation, "Ready", false, "InvalidSpec", message);
            Conditions.set(status, generation, "Progressing", false, "InvalidSpec", message);
            // a spec error does not heal by retrying: wait for the next generation
            return UpdateControl.patchStatus(app);
        }
        // the reconciler runs on the operator's executor threads, so waiting for the plugin here is fine
        DeploymentResult result = specChanged ? deploy(plugin.get(), desired, firstTime)
                : plugin.get().status(desired.ref())
                        .onFailure(AppNotFoundException.class).recoverWithUni(() -> {
                            // Deleted behind the platform's back: put it back as the spec says.
                            return Uni.createFrom().item(() -> deploy(plugin.get(), desired, false));
                        })
                        .await().atMost(WAIT);
        Conditions.set(status, generation, "ValidationError", false, "Valid", "");
        status.setReplicas(result.ready());
        boolean ready = result.state() == RolloutState.COMPLETE;
        Conditions.set(status, generation, "Ready", ready, ready ? "RolloutComplete" : "RolloutInProgress",
                result.ready() + "/" + result.desired() + " replicas ready");
        Conditions.set(status, generation, "Progressing", result.state() == RolloutState.PROGRESSING,
                result.state().json(), result.message());
        // Nothing watches the app's Deployment for this controller: look again soon while the rollout runs, and
        // now and then afterwards, refreshing only the status (no change, no event).
        return UpdateControl.patchStatus(app).rescheduleAfter(ready ? RESYNC : ROLLOUT_POLL);
    }

    private DeploymentResult deploy(DeploymentPlugin plugin, DeploymentConfig desired, boolean firstTime) {
        return deployments.deploy(plugin, desired, ACTOR, firstTime ? "create" : "update",
                firstTime ? EventTypes.DEPLOYMENT_CREATED : EventTypes.DEPLOYMENT_UPDATED, "platformapp", false)
                .await().atMost(WAIT);
    }

    @Override
    public DeleteControl cleanup(PlatformApp app, Context<PlatformApp> context) {
        AppRef ref = new AppRef(app.getMetadata().getNamespace(), app.getMetadata().getName());
        if (plugins.find(pluginOf(app)).isPresent() && validate(app).isEmpty()) {
            deployments.delete(ref, ACTOR, "platformapp")
                    .onFailure(e -> e instanceof io.rpik8s.commons.problem.ApiProblem p
                            && p.type() == io.rpik8s.model.api.ProblemType.NOT_FOUND).recoverWithNull()
                    .await().atMost(WAIT);
        }
        return DeleteControl.defaultDelete();
    }

    private List<FieldProblem> validate(PlatformApp app) {
        List<FieldProblem> problems = new ArrayList<>();
        PlatformAppSpec spec = app.getSpec();
        if (spec == null) {
            problems.add(new FieldProblem("", "is required"));
            return problems;
        }
        if (!config.managedNamespaces().contains(app.getMetadata().getNamespace())) {
            problems.add(new FieldProblem("metadata.namespace", "is not managed by the platform"));
        }
        if (!app.getMetadata().getName().matches(Names.DNS_1123_LABEL) || app.getMetadata().getName().length() > 63) {
            problems.add(new FieldProblem("metadata.name", Names.DNS_1123_MESSAGE));
        }
        if (plugins.find(pluginOf(app)).isEmpty()) {
            problems.add(new FieldProblem("plugin", "unknown plugin '" + pluginOf(app) + "'"));
        }
        if (spec.getImage() != null && !spec.getImage().matches(Names.IMAGE)) {
            problems.add(new FieldProblem("image", Names.IMAGE_MESSAGE));
        }
        if (spec.getReplicas() != null && (spec.getReplicas() < 0 || spec.getReplicas() > config.maxReplicas())) {
            problems.add(new FieldProblem("replicas", "must be between 0 and " + config.maxReplicas()));
        }
        return problems;
    }

    private static String pluginOf(PlatformApp app) {
        return app.getSpec() == null || app.getSpec().getPlugin() == null ? "container" : app.getSpec().getPlugin();
    }

    private static DeploymentConfig configOf(PlatformApp app) {
        PlatformAppSpec spec = app.getSpec() == null ? new PlatformAppSpec() : app.getSpec();
        Map<String, String> labels = new HashMap<>(AppLabels.of(app.getMetadata().getName(), pluginOf(app)));
        labels.put("rpi-k8s.io/platformapp", app.getMetadata().getName());
        return new DeploymentConfig(app.getMetadata().getName(), app.getMetadata().getNamespace(), spec.getImage(),
                spec.getReplicas() == null ? 1 : spec.getReplicas(), labels, spec.getServicePort(),
                spec.getConfig() == null ? Map.of() : spec.getConfig());
    }
}
