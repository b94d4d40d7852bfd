package io.rpik8s.storage.database;

import io.rpik8s.commons.problem.ApiProblem;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Identifiers for provisioned databases and roles: a strict pattern first, and quoting on top of it in every
 * statement, so a name can never leave its identifier.
 */
public final class DatabaseNames {

    /** Lowercase letter, then up to 47 lowercase letters, digits or underscores (room for the role suffix). */
    public static final String PATTERN = "^[a-z][a-z0-9_]{0,47}$";

    private static final Pattern VALID = Pattern.compile(PATTERN);
    private static final Set<String> RESERVED = Set.of("postgres", "template0", "template1", "platform", "public");

    private DatabaseNames() {
    }

    /** Throws a 400 naming {@code field} unless {@code name} is a permitted database name. */
    public static String check(String field, String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw ApiProblem.invalid(field, "must match " + PATTERN);
        }
        if (RESERVED.contains(name) || name.startsWith("pg_")) {
            throw ApiProblem.invalid(field, "is reserved");
        }
        return name;
    }

    /** The login role owning database {@code name}. */
    public static String roleOf(String name) {
        return name + "_owner";
    }

    /** {@code name} as a quoted SQL identifier; names are validated already, quoting is the second fence. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code value} as a SQL string literal (DDL takes no bind parameters for passwords). */
    static String literal(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }
}
