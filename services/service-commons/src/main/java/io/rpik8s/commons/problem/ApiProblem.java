package io.rpik8s.commons.problem;

import io.rpik8s.model.api.ProblemDetail.FieldError;
import io.rpik8s.model.api.ProblemType;
import java.util.List;

/**
 * An expected failure of a request, answered as problem+json by {@link ProblemMapper}. Services throw it (or a
 * subclass) instead of building responses, so errors are mapped in one place.
 */
public class ApiProblem extends RuntimeException {

    private final ProblemType type;
    private final List<FieldError> errors;
    private final Integer retryAfter;

    public ApiProblem(ProblemType type, String detail) {
        this(type, detail, List.of(), null, null);
    }

    public ApiProblem(ProblemType type, String detail, List<FieldError> errors, Integer retryAfter, Throwable cause) {
        super(detail, cause);
        this.type = type;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    /** 400 naming one invalid field. */
    public static ApiProblem invalid(String field, String reason) {
        return new ApiProblem(ProblemType.VALIDATION, field + ": " + reason, List.of(new FieldError(field, reason)),
                null, null);
    }

    /** 400 naming several invalid fields. */
    public static ApiProblem invalid(List<FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).reason()
                : errors.size() + " fields are invalid";
        return new ApiProblem(ProblemType.VALIDATION, detail, errors, null, null);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(ProblemType.NOT_FOUND, detail);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(ProblemType.CONFLICT, detail);
    }

    public static ApiProblem unprocessable(String detail) {
        return new ApiProblem(ProblemType.UNPROCESSABLE, detail);
    }

    /** 503 with retry advice: a dependency (Kubernetes, PostgreSQL, Kafka, S3, Prometheus) cannot be reached. */
    public static ApiProblem unavailable(String detail, int retryAfterSeconds, Throwable cause) {
        return new ApiProblem(ProblemType.UPSTREAM_UNAVAILABLE, detail, List.of(), retryAfterSeconds, cause);
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Integer retryAfter() {
        return retryAfter;
    }
}
