package io.rpik8s.panel.session;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/** The session and the path of the request being served, set by {@link SessionFilter}. */
@RequestScoped
public class CurrentRequest {

    private Session session;
    private String path = "/";

    void set(Session session, String path) {
        this.session = session;
        this.path = path;
    }

    public Optional<Session> session() {
        return Optional.ofNullable(session);
    }

    /** The signed-in user; pages behind the filter always have one. */
    public Session user() {
        if (session == null) {
            throw new IllegalStateException("not signed in");
        }
        return session;
    }

    public String path() {
        return path;
    }
}
