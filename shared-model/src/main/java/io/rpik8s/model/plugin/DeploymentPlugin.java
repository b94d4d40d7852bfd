package io.rpik8s.model.plugin;

import io.smallrye.mutiny.Uni;

/**
 * A plugin that turns a deployment request into objects on the cluster (the original framework's
 * {@code DeploymentPlugin}: {@code deploy(config)} and {@code status(name)}), reactive. The host service validates
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

    /** Deletes every object the plugin created for the app; completes normally when there is nothing to delete. */
    Uni<Void> delete(AppRef app);

    /**
     * Checks {@code config.settings()} before anything is created; returns the problems found (empty when valid).
     * Each entry names the field, e.g. {@code settings.manifests[1].kind}.
     */
    default java.util.List<FieldProblem> validate(DeploymentConfig config) {
        return java.util.List.of();
    }
}
