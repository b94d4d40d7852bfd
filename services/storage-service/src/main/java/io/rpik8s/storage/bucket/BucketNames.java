package io.rpik8s.storage.bucket;

import io.rpik8s.commons.problem.ApiProblem;
import java.util.regex.Pattern;

/** The S3 bucket naming rules, checked before any call so a bad name is a 400 naming the field. */
public final class BucketNames {

    /** 3-63 characters, lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit. */
    public static final String PATTERN = "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$";

    private static final Pattern VALID = Pattern.compile(PATTERN);
    private static final Pattern IP_ADDRESS = Pattern.compile("^\\d+\\.\\d+\\.\\d+\\.\\d+$");

    private BucketNames() {
    }

    /** Throws a 400 naming {@code field} unless {@code name} is a valid bucket name. */
    public static String check(String field, String name) {
        String reason = reasonAgainst(name);
        if (reason != null) {
            throw ApiProblem.invalid(field, reason);
        }
        return name;
    }

    static String reasonAgainst(String name) {
        if (name == null || name.isBlank()) {
            return "must not be blank";
        }
        if (!VALID.matcher(name).matches()) {
            return "must be 3-63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit";
        }
        if (name.contains("..") || name.contains(".-") || name.contains("-.")) {
            return "must not have adjacent dots or a dot next to a hyphen";
        }
        if (IP_ADDRESS.matcher(name).matches()) {
            return "must not look like an IP address";
        }
        if (name.startsWith("xn--") || name.endsWith("-s3alias") || name.endsWith("--ol-s3")) {
            return "uses a prefix or suffix S3 reserves";
        }
        return null;
    }
}
