package io.rpik8s.model.plugin;

/** Where an app's rollout stands. */
public enum RolloutState {
    PROGRESSING,
    COMPLETE,
    FAILED,
    UNKNOWN;

    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
