package io.rpik8s.model.plugin;

/**
 * The change is well-formed but the app, as it is now, cannot take it (no previous revision to roll back to, no
 * workload to scale); the host answers 422.
 */
public class AppStateException extends AppException {

    public AppStateException(String message) {
        super(message);
    }
}
