package io.rpik8s.commons.auth;

import io.quarkus.security.identity.SecurityIdentity;

/** The name recorded as "who" in events and audit history: the token's subject. */
public final class Actor {

    private Actor() {
    }

    public static String of(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }
}
