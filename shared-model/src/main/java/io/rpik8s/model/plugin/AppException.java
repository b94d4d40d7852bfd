package io.rpik8s.model.plugin;

/**
 * Base of the failures a plugin (or the host's domain code) reports about an app. They say what went wrong in the
 * platform's terms; the host maps each kind to one HTTP answer in one table, so a plugin never speaks HTTP.
 */
public abstract class AppException extends RuntimeException {

    protected AppException(String message) {
        super(message);
    }

    protected AppException(String message, Throwable cause) {
        super(message, cause);
    }
}
