package io.rpik8s.panel.session;

import io.rpik8s.model.auth.Roles;
import java.time.Instant;
import java.util.Set;

/**
 * A signed-in user: the token the services verify, and who the services said it belongs to. Kept only in the
 * encrypted, HttpOnly session cookie.
 */
public record Session(String token, String subject, Set<String> roles, Instant expiresAt) {

    public boolean isOperator() {
        return roles.contains(Roles.OPERATOR);
    }

    public boolean isAdmin() {
        return roles.contains(Roles.ADMIN);
    }

    /** The highest role, as shown in the header. */
    public String role() {
        return isAdmin() ? Roles.ADMIN : isOperator() ? Roles.OPERATOR : Roles.VIEWER;
    }
}
