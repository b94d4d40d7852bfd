package io.rpik8s.model.plugin;

/** The plugin manages no app of that name; the host answers 404. */
public class AppNotFoundException extends RuntimeException {

    public AppNotFoundException(AppRef app) {
        super("No app " + app + " is managed by this plugin");
    }
}
