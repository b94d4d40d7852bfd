package io.rpik8s.model.auth;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The platform's roles, each including the ones below it: {@code admin} ⊃ {@code operator} ⊃ {@code viewer}.
 * Tokens carry them in the {@code groups} claim.
 */
public final class Roles {

    /** Read everything. */
    public static final String VIEWER = "viewer";
    /** Change workloads and storage. */
    public static final String OPERATOR = "operator";
    /** Everything, including webhooks and tokens. */
    public static final String ADMIN = "admin";

    private static final List<String> ORDER = List.of(VIEWER, OPERATOR, ADMIN);

    private Roles() {
    }

    public static boolean isKnown(String role) {
        return ORDER.contains(role);
    }

    /** The roles granted, with every role they include: {@code [operator]} gives {@code [viewer, operator]}. */
    public static Set<String> expand(Iterable<String> granted) {
        int highest = -1;
        for (String role : granted) {
            highest = Math.max(highest, ORDER.indexOf(role));
        }
        return new LinkedHashSet<>(ORDER.subList(0, highest + 1));
    }
}
