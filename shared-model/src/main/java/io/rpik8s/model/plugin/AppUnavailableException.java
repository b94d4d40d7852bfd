package io.rpik8s.model.plugin;

/** Something the app depends on cannot be reached now (a plugin, the cluster); the host answers 503 with retry advice. */
public class AppUnavailableException extends AppException {

    private final int retryAfterSeconds;

    public AppUnavailableException(String message, int retryAfterSeconds, Throwable cause) {
        super(message, cause);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
