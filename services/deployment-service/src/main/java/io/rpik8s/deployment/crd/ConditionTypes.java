package io.rpik8s.deployment.crd;

/** The condition types and reasons of a PlatformApp's status. */
public final class ConditionTypes {

    /** The app runs as the spec asks: every replica of its current revision is ready. */
    public static final String READY = "Ready";
    /** A rollout of the app is under way. */
    public static final String PROGRESSING = "Progressing";
    /** The spec breaks a rule; nothing is deployed until the spec changes. */
    public static final String VALIDATION_ERROR = "ValidationError";

    public static final String REASON_INVALID_SPEC = "InvalidSpec";
    public static final String REASON_VALID = "Valid";
    public static final String REASON_ROLLOUT_COMPLETE = "RolloutComplete";
    public static final String REASON_ROLLOUT_IN_PROGRESS = "RolloutInProgress";

    private ConditionTypes() {
    }
}
