package io.rpik8s.model.events;

/**
 * The deployment events, one typed factory each: the fields an event type carries are its parameters, so no caller
 * fills a twelve-field payload by position. {@code app} is {@link DeploymentPayload#app} after the change.
 */
public final class DeploymentEvents {

    private DeploymentEvents() {
    }

    public static PlatformEvent created(DeploymentPayload app, String actor) {
        return PlatformEvent.deployment(EventTypes.DEPLOYMENT_CREATED, app, actor);
    }

    /** A rolling update; {@code previousImage} is what ran before (null when unknown). */
    public static PlatformEvent updated(DeploymentPayload app, String previousImage, String actor) {
        return PlatformEvent.deployment(EventTypes.DEPLOYMENT_UPDATED, app.withPrevious(null, previousImage), actor);
    }

    public static PlatformEvent scaled(DeploymentPayload app, int from, int to, String actor) {
        return PlatformEvent.deployment(EventTypes.DEPLOYMENT_SCALED, app.withReplicas(to).withPrevious(from, null),
                actor);
    }

    public static PlatformEvent restarted(DeploymentPayload app, String actor) {
        return PlatformEvent.deployment(EventTypes.DEPLOYMENT_RESTARTED, app, actor);
    }

    /** Back at {@code revision}'s pod template; {@code previousImage} is what ran before. */
    public static PlatformEvent rolledBack(DeploymentPayload app, long revision, String previousImage,
            String actor) {
        return PlatformEvent.deployment(EventTypes.DEPLOYMENT_ROLLED_BACK,
                app.withRevision(revision).withPrevious(null, previousImage), actor);
    }

    /** Gone; {@code replicasBefore} is what it ran with (the payload's {@code replicas} is empty). */
    public static PlatformEvent deleted(DeploymentPayload app, Integer replicasBefore, String actor) {
        return PlatformEvent.deployment(EventTypes.DEPLOYMENT_DELETED,
                app.withReplicas(null).withPrevious(replicasBefore, null), actor);
    }

    /** Every replica of {@code revision} is updated and available. */
    public static PlatformEvent ready(DeploymentPayload app, long revision, int readyReplicas) {
        return PlatformEvent.deployment(EventTypes.DEPLOYMENT_READY,
                app.withRevision(revision).withOutcome(readyReplicas, null, null), null);
    }

    /** {@code revision} will not succeed without a change: {@code reason} is machine-readable. */
    public static PlatformEvent failed(DeploymentPayload app, long revision, int readyReplicas, String reason,
            String message) {
        return PlatformEvent.deployment(EventTypes.DEPLOYMENT_FAILED,
                app.withRevision(revision).withOutcome(readyReplicas, reason, message), null);
    }
}
