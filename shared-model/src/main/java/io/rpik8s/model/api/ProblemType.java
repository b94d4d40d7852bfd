package io.rpik8s.model.api;

import java.net.URI;

/** The problem types the platform's APIs answer with, each with its status and title. */
public enum ProblemType {
    VALIDATION("validation", 400, "Request is invalid"),
    MALFORMED("malformed-request", 400, "Request body cannot be read"),
    UNAUTHORIZED("unauthorized", 401, "Authentication required"),
    FORBIDDEN("forbidden", 403, "Missing role"),
    NOT_FOUND("not-found", 404, "Resource not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable"),
    CONFLICT("conflict", 409, "Resource already exists or changed concurrently"),
    PRECONDITION_FAILED("precondition-failed", 412, "Precondition failed"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "Request body too large"),
    URI_TOO_LONG("uri-too-long", 414, "Request URI too long"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    UNPROCESSABLE("unprocessable", 422, "Request cannot be carried out"),
    TOO_MANY_REQUESTS("too-many-requests", 429, "Too many requests"),
    HEADERS_TOO_LARGE("headers-too-large", 431, "Request header fields too large"),
    UPSTREAM_UNAVAILABLE("upstream-unavailable", 503, "A platform dependency is unavailable"),
    UPSTREAM_TIMEOUT("upstream-timeout", 504, "A platform dependency did not answer in time"),
    INTERNAL("internal", 500, "Internal error");

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public URI uri() {
        return URI.create(ProblemDetail.TYPE_BASE + slug);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
