package io.rpik8s.commons.problem;

import java.util.regex.Pattern;

/**
 * Kubernetes object names as the API server accepts them. A name outside these rules can never exist, so a request
 * naming one is refused here, before any database or Kubernetes call (and before the client library turns it into
 * an URL it cannot build).
 */
public final class KubeNames {

    /** A DNS-1123 label: namespaces, Services and the platform's apps. */
    public static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    public static final String LABEL_MESSAGE = "must be a DNS-1123 label (lower-case letters, digits and '-', "
            + "starting and ending with a letter or digit, at most 63 characters)";
    /** A DNS-1123 subdomain: nodes, pods, PersistentVolumeClaims and most other objects. */
    public static final String SUBDOMAIN = LABEL + "(\\." + LABEL + ")*";
    public static final String SUBDOMAIN_MESSAGE = "must be a DNS-1123 subdomain (lower-case letters, digits, '-' "
            + "and '.', starting and ending with a letter or digit, at most 253 characters)";

    private static final Pattern LABEL_PATTERN = Pattern.compile(LABEL);
    private static final Pattern SUBDOMAIN_PATTERN = Pattern.compile(SUBDOMAIN);

    private KubeNames() {
    }

    /** {@code value} when it is a DNS-1123 label, else a 400 naming {@code field}. */
    public static String label(String field, String value) {
        if (value == null || value.length() > 63 || !LABEL_PATTERN.matcher(value).matches()) {
            throw ApiProblem.invalid(field, LABEL_MESSAGE);
        }
        return value;
    }

    /** {@code value} when it is a DNS-1123 subdomain, else a 400 naming {@code field}. */
    public static String subdomain(String field, String value) {
        if (value == null || value.length() > 253 || !SUBDOMAIN_PATTERN.matcher(value).matches()) {
            throw ApiProblem.invalid(field, SUBDOMAIN_MESSAGE);
        }
        return value;
    }
}
