package io.rpik8s.deployment.api;

import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.commons.problem.ProblemMapper;
import io.rpik8s.model.api.ProblemDetail.FieldError;
import io.rpik8s.model.plugin.AppConflictException;
import io.rpik8s.model.plugin.AppException;
import io.rpik8s.model.plugin.AppNotFoundException;
import io.rpik8s.model.plugin.AppStateException;
import io.rpik8s.model.plugin.AppUnavailableException;
import io.rpik8s.model.plugin.InvalidAppException;
import io.rpik8s.model.plugin.PluginOperationUnsupported;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one table from this service's domain failures to HTTP answers; the problem document itself is written by
 * service-commons' {@link ProblemMapper}, like every other error.
 */
public class AppProblems {

    private final ProblemMapper problems = new ProblemMapper();

    /** Domain failure → problem. */
    static ApiProblem problemOf(Throwable e) {
        if (e instanceof InvalidAppException invalid) {
            return ApiProblem.invalid(invalid.problems().stream().map(p -> new FieldError(p.field(), p.reason()))
                    .toList());
        }
        if (e instanceof AppNotFoundException) {
            return ApiProblem.notFound(e.getMessage());
        }
        if (e instanceof AppConflictException) {
            return ApiProblem.conflict(e.getMessage());
        }
        if (e instanceof AppStateException || e instanceof PluginOperationUnsupported) {
            return ApiProblem.unprocessable(e.getMessage());
        }
        if (e instanceof AppUnavailableException unavailable) {
            return ApiProblem.unavailable(e.getMessage(), unavailable.retryAfterSeconds(), e.getCause());
        }
        // a plugin's own kind of failure: the app cannot take the change as it is
        return ApiProblem.unprocessable(e.getMessage());
    }

    @ServerExceptionMapper
    public Response app(AppException e, HttpServerRequest request) {
        return problems.apiProblem(problemOf(e), request);
    }

    @ServerExceptionMapper
    public Response unsupported(PluginOperationUnsupported e, HttpServerRequest request) {
        return problems.apiProblem(problemOf(e), request);
    }
}
