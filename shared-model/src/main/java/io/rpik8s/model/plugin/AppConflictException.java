package io.rpik8s.model.plugin;

/** The app clashes with what exists (an app of that name already); the host answers 409. */
public class AppConflictException extends AppException {

    public AppConflictException(String message) {
        super(message);
    }
}
