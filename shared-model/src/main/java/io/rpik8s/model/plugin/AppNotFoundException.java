package io.rpik8s.model.plugin;

/** The app (or the part of it asked for) does not exist; the host answers 404. */
public class AppNotFoundException extends AppException {

    public AppNotFoundException(AppRef app) {
        super("No app " + app + " is managed by this plugin");
    }

    /** {@code detail} says what is missing, e.g. a pod of the app. */
    public AppNotFoundException(String detail) {
        super(detail);
    }
}
