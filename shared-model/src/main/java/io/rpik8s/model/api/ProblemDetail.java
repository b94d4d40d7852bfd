package io.rpik8s.model.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem details document, as every service answers errors ({@code application/problem+json}).
 *
 * @param type       URI identifying the problem type ({@code https://rpi-k8s.io/problems/validation}, ...)
 * @param title      short summary of the problem type
 * @param status     the HTTP status code
 * @param detail     explanation specific to this occurrence
 * @param instance   the request path it occurred on
 * @param errors     the invalid fields, for validation problems
 * @param retryAfter seconds after which retrying may succeed, for 429 and 503
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ProblemDetail(
        URI type,
        String title,
        int status,
        String detail,
        String instance,
        List<FieldError> errors,
        Integer retryAfter) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://rpi-k8s.io/problems/";

    /** One invalid field: a JSON path or parameter name and the reason it was refused. */
    public record FieldError(String field, String reason) {
    }

    public static ProblemDetail of(ProblemType type, String detail, String instance) {
        return new ProblemDetail(type.uri(), type.title(), type.status(), detail, instance, List.of(), null);
    }

    public ProblemDetail withErrors(List<FieldError> fieldErrors) {
        return new ProblemDetail(type, title, status, detail, instance, List.copyOf(fieldErrors), retryAfter);
    }

    public ProblemDetail withRetryAfter(int seconds) {
        return new ProblemDetail(type, title, status, detail, instance, errors, seconds);
    }
}
