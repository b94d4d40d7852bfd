package io.rpik8s.storage.bucket;

import io.rpik8s.commons.problem.ApiProblem;
import java.nio.charset.StandardCharsets;

/**
 * What S3 servers (AWS, MinIO, s3proxy) all accept as the prefix and delimiter of an object listing, checked before
 * the call so that a value they would refuse is a 400 naming the parameter, not an S3 error.
 */
final class ListingParameters {

    /** The longest object key S3 allows, in UTF-8 bytes; a longer prefix can match nothing. */
    static final int MAX_PREFIX_BYTES = 1024;

    private ListingParameters() {
    }

    /** A prefix is at most 1,024 UTF-8 bytes of well-formed text with no {@code .} or {@code ..} segment, even last. */
    static String prefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return prefix;
        }
        if (!wellFormed(prefix)) {
            throw ApiProblem.invalid("prefix", "must be well-formed Unicode text");
        }
        if (prefix.getBytes(StandardCharsets.UTF_8).length > MAX_PREFIX_BYTES) {
            throw ApiProblem.invalid("prefix", "must be at most " + MAX_PREFIX_BYTES + " bytes (UTF-8)");
        }
        for (String segment : prefix.split("/", -1)) {
            // A path step, not part of a key: MinIO and s3proxy refuse "..", and s3proxy's file store resolves "." so
            // that "logs/." would list everything under "logs/".
            if (segment.equals(".") || segment.equals("..")) {
                throw ApiProblem.invalid("prefix", "must not contain '.' or '..' path segments");
            }
        }
        return prefix;
    }

    /** A delimiter is one printable ASCII character, such as {@code /}: the only kind every S3 server groups by. */
    static String delimiter(String delimiter) {
        if (delimiter == null || delimiter.isEmpty()) {
            return null;
        }
        char c = delimiter.charAt(0);
        if (delimiter.length() != 1 || c < 0x21 || c > 0x7e) {
            throw ApiProblem.invalid("delimiter", "must be one printable ASCII character such as /");
        }
        return delimiter;
    }

    private static boolean wellFormed(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
