package io.rpik8s.commons.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.rpik8s.model.api.ProblemDetail;
import io.rpik8s.model.api.ProblemDetail.FieldError;
import io.rpik8s.model.api.ProblemType;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become HTTP answers: every error is an RFC 9457 {@code application/problem+json}
 * document; a dependency outage is a 503 with {@code Retry-After}; an unexpected failure is a 500 carrying only a
 * reference to the log line, never a stack trace.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final int DEFAULT_RETRY_AFTER = 5;

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem e, HttpServerRequest request) {
        if (e.type().status() >= 500) {
            LOG.warnf("%s %s: %s%s", request.method(), request.path(), e.getMessage(),
                    e.getCause() == null ? "" : " (" + e.getCause() + ")");
        }
        ProblemDetail problem = ProblemDetail.of(e.type(), e.getMessage(), request.path()).withErrors(e.errors());
        return respond(e.retryAfter() == null ? problem : problem.withRetryAfter(e.retryAfter()));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, HttpServerRequest request) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            if (RequestBodies.isMissingBody(v)) {
                return respond(ProblemDetail.of(ProblemType.VALIDATION, "The request body is required",
                        request.path()).withErrors(List.of(new FieldError("body", "is required"))));
            }
            errors.add(new FieldError(fieldOf(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field));
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).reason()
                : errors.size() + " fields are invalid";
        return respond(ProblemDetail.of(ProblemType.VALIDATION, detail, request.path()).withErrors(errors));
    }

    @ServerExceptionMapper(priority = 1)
    public Response unreadableJson(JsonProcessingException e, HttpServerRequest request) {
        return respond(JsonProblems.of(e, request.path()));
    }

    /** Declared for its own type: Quarkus ships a mapper for it that answers an empty 400. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedJson(MismatchedInputException e, HttpServerRequest request) {
        return respond(JsonProblems.of(e, request.path()));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
        return unauthenticated(request, "A bearer token is required");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        return unauthenticated(request, "The bearer token is invalid or expired");
    }

    @ServerExceptionMapper
    public Response authenticationCompletion(AuthenticationCompletionException e, HttpServerRequest request) {
        return unauthenticated(request, "The bearer token is invalid or expired");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return respond(ProblemDetail.of(ProblemType.FORBIDDEN,
                "Your token's roles do not allow " + request.method() + " " + request.path(), request.path()));
    }

    @ServerExceptionMapper
    public Response kubernetes(KubernetesClientException e, HttpServerRequest request) {
        Throwable argument = e.getCode() == 0 ? argumentError(e) : null;
        if (argument != null) {
            // The client refused to build the request (a name it cannot put in a URL): the input is wrong, the API
            // server was never called, so this is no outage.
            return respond(ProblemDetail.of(ProblemType.VALIDATION,
                    "The request names something Kubernetes cannot address: " + argument.getMessage(),
                    request.path()));
        }
        return switch (e.getCode()) {
            case 404 -> respond(ProblemDetail.of(ProblemType.NOT_FOUND, kubeMessage(e), request.path()));
            case 409 -> respond(ProblemDetail.of(ProblemType.CONFLICT, kubeMessage(e), request.path()));
            case 400, 422 -> respond(ProblemDetail.of(ProblemType.VALIDATION,
                    "Rejected by the Kubernetes API: " + kubeMessage(e), request.path()));
            default -> {
                LOG.warnf("Kubernetes API unavailable for %s %s: %s", request.method(), request.path(),
                        e.getMessage());
                yield respond(ProblemDetail.of(ProblemType.UPSTREAM_UNAVAILABLE,
                        "The Kubernetes API is unavailable (" + kubeMessage(e) + "); retry later", request.path())
                        .withRetryAfter(DEFAULT_RETRY_AFTER));
            }
        };
    }

    @ServerExceptionMapper
    public Response timeout(TimeoutException e, HttpServerRequest request) {
        return respond(ProblemDetail.of(ProblemType.UPSTREAM_TIMEOUT,
                "A platform dependency did not answer in time; retry later", request.path())
                .withRetryAfter(DEFAULT_RETRY_AFTER));
    }

    @ServerExceptionMapper
    public Response connect(ConnectException e, HttpServerRequest request) {
        LOG.warnf("Dependency unreachable for %s %s: %s", request.method(), request.path(), e.getMessage());
        return respond(ProblemDetail.of(ProblemType.UPSTREAM_UNAVAILABLE,
                "A platform dependency cannot be reached; retry later", request.path())
                .withRetryAfter(DEFAULT_RETRY_AFTER));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (status == 404 && e.getCause() != null && !(e.getCause() instanceof WebApplicationException)) {
            // JAX-RS answers 404 when a path or query parameter does not convert (page=abc); for a client that is
            // bad input, not a missing resource.
            return unconvertibleParameter(e.getCause(), request);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            // Quarkus REST wraps JSON syntax and size-limit errors in a bare 400.
            return unreadableJson(json, request);
        }
        ProblemType type = typeOf(status);
        if (status == 400 && e.getCause() instanceof IllegalArgumentException iae) {
            return respond(ProblemDetail.of(type, iae.getMessage(), request.path()));
        }
        String detail = status == 404 ? "No resource at " + request.path() : e.getMessage();
        return respond(ProblemDetail.of(type, detail, request.path()));
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, HttpServerRequest request) {
        if (e.getCause() instanceof ApiProblem problem) {
            return apiProblem(problem, request);
        }
        if (e.getCause() instanceof KubernetesClientException kube) {
            return kubernetes(kube, request);
        }
        if (isConnectivity(e)) {
            return connect(new ConnectException(String.valueOf(e.getMessage())), request);
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure of %s %s (reference %s)", request.method(), request.path(), reference);
        return respond(ProblemDetail.of(ProblemType.INTERNAL,
                "The request failed unexpectedly; the service log has the details under reference " + reference,
                request.path()));
    }

    private Response unconvertibleParameter(Throwable cause, HttpServerRequest request) {
        String message = String.valueOf(cause.getMessage());
        String field = "query";
        String value = null;
        for (var param : request.params()) {
            if (message.contains("\"" + param.getValue() + "\"")) {
                field = param.getKey();
                value = param.getValue();
                break;
            }
        }
        String reason = value == null ? "has a value of the wrong type" : "'" + value + "' is not a valid value";
        return respond(ProblemDetail.of(ProblemType.VALIDATION, field + ": " + reason, request.path())
                .withErrors(List.of(new FieldError(field, reason))));
    }

    private static Throwable argumentError(KubernetesClientException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof java.net.URISyntaxException
                    || t instanceof java.net.MalformedURLException) {
                return t;
            }
        }
        return null;
    }

    private static boolean isConnectivity(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof java.nio.channels.ClosedChannelException
                    || t.getClass().getName().endsWith("PgException") && String.valueOf(t.getMessage())
                            .contains("connection")
                    || t instanceof IOException && String.valueOf(t.getMessage()).contains("Connection refused")) {
                return true;
            }
        }
        return false;
    }

    private Response unauthenticated(HttpServerRequest request, String detail) {
        return Response.fromResponse(respond(ProblemDetail.of(ProblemType.UNAUTHORIZED, detail, request.path())))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    static Response respond(ProblemDetail problem) {
        Response.ResponseBuilder builder = Response.status(problem.status())
                .type(ProblemDetail.MEDIA_TYPE)
                .entity(problem);
        if (problem.retryAfter() != null) {
            builder.header(HttpHeaders.RETRY_AFTER, problem.retryAfter());
        }
        return builder.build();
    }

    static ProblemType typeOf(int status) {
        for (ProblemType type : ProblemType.values()) {
            if (type.status() == status) {
                return type;
            }
        }
        return status >= 500 ? ProblemType.INTERNAL : ProblemType.VALIDATION;
    }

    /**
     * {@code create.request.spec.name} becomes {@code spec.name} (a body parameter's own name says nothing to the
     * client); {@code list.size} stays {@code size} (a query parameter's name is the field).
     */
    static String fieldOf(Path path) {
        List<String> names = new ArrayList<>();
        boolean dropParameter = false;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                names.add(node.getName());
                dropParameter = true;
                continue;
            }
            // Hibernate Validator puts a container element's index on the node that follows the container.
            if (node.isInIterable() && !names.isEmpty()) {
                Object at = node.getIndex() != null ? node.getIndex() : node.getKey();
                if (at != null) {
                    names.set(names.size() - 1, names.get(names.size() - 1) + "[" + at + "]");
                }
            }
            if (node.getName() != null) {
                names.add(node.getName());
            }
        }
        if (dropParameter && names.size() > 1) {
            names.remove(0);
        }
        return String.join(".", names);
    }

    private static String kubeMessage(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        return e.getCode() == 0 ? "connection failed" : "HTTP " + e.getCode();
    }
}
