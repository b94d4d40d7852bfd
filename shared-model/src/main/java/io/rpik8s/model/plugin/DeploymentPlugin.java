package io.rpik8s.model.plugin;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A plugin that turns a deployment request into objects on the cluster (the original framework's
 * {@code DeploymentPlugin}: {@code deploy(config)} and {@code status(name)}), reactive. Changes to a running app (update, scale, restart,
 * rollback) are optional: a plugin declares the ones it offers in {@link #supportedOperations()}. The host service validates
 * the common fields, records the change, publishes the event, and labels everything the plugin creates with
 * {@link AppLabels}.
 */
public interface DeploymentPlugin extends Plugin {

    /**
     * Creates or updates the app's objects so that they match {@code config}. Idempotent: called again with the same
     * config it changes nothing.
     */
    Uni<DeploymentResult> deploy(DeploymentConfig config);

    /** The app's live status. Fails with {@link AppNotFoundException} when the plugin manages no such app. */
    Uni<DeploymentResult> status(AppRef app);

    /**
     * The app's status told from {@code objects}, the app's objects as the host's cache of the cluster holds them
     * (its Deployments, StatefulSets and CronJobs, and the ConfigMaps that carry its app label), without a call to
     * the API server; the result names only objects among those. Empty when the plugin cannot tell it from them:
     * the host then asks {@link #status}. Listing apps uses it, so that a page of thousands costs no Kubernetes
     * round trip; none by default.
     */
    default Optional<DeploymentResult> statusOf(AppRef app, List<HasMetadata> objects) {
        return Optional.empty();
    }

    /** Deletes every object the plugin created for the app; completes normally when there is nothing to delete. */
    Uni<Void> delete(AppRef app);

    /**
     * Checks {@code config.settings()} before anything is created; returns the problems found (empty when valid).
     * Each entry names the field, e.g. {@code settings.manifests[1].kind}.
     */
    default java.util.List<FieldProblem> validate(DeploymentConfig config) {
        return java.util.List.of();
    }

    /**
     * The operations of {@link PluginOperation} this plugin implements; the host refuses the others with 422 before
     * calling the plugin and lists them in {@code GET /api/v1/plugins}. None by default.
     */
    default Set<PluginOperation> supportedOperations() {
        return Set.of();
    }

    /** Rolling update of an existing app (image and plugin-specific settings); its status after the change. */
    default Uni<DeploymentResult> update(AppRef app, AppUpdate update) {
        return unsupported(PluginOperation.UPDATE);
    }

    /** Sets the app's replicas; its status after the change. */
    default Uni<DeploymentResult> scale(AppRef app, int replicas) {
        return unsupported(PluginOperation.SCALE);
    }

    /** Replaces every pod of the app ({@code kubectl rollout restart}); its status after the change. */
    default Uni<DeploymentResult> restart(AppRef app) {
        return unsupported(PluginOperation.RESTART);
    }

    /** The app's rollout history, oldest first. */
    default Uni<List<Revision>> revisions(AppRef app) {
        return unsupported(PluginOperation.REVISIONS);
    }

    /** Returns the app to {@code revision} ({@code null}: the previous one); the revision it now runs. */
    default Uni<Revision> rollback(AppRef app, Long revision) {
        return unsupported(PluginOperation.ROLLBACK);
    }

    /** A failure saying this plugin does not offer {@code operation}. */
    default <T> Uni<T> unsupported(PluginOperation operation) {
        return Uni.createFrom().failure(new PluginOperationUnsupported(name(), operation));
    }
}
