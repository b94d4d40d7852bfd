package io.rpik8s.panel.layout;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.rpik8s.panel.session.SessionCookie;
import io.rpik8s.panel.upstream.ServiceProblem;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A service's error on a page that is not a form becomes a readable page with the problem's title and detail; an
 * expired or revoked token sends the user to sign in again.
 */
public class ProblemPages {

    private static final Logger LOG = Logger.getLogger(ProblemPages.class);

    @CheckedTemplate(basePath = "layout")
    static class Templates {
        static native TemplateInstance problem(ServiceProblem problem);
    }

    private final SessionCookie cookies;

    public ProblemPages(SessionCookie cookies) {
        this.cookies = cookies;
    }

    @ServerExceptionMapper
    public Response problem(ServiceProblem problem) {
        if (problem.status() == 401) {
            return Response.seeOther(URI.create("/sign-in")).cookie(cookies.clear()).build();
        }
        return Response.status(problem.status()).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.problem(problem)).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (e instanceof WebApplicationException web) {
            return web.getResponse();
        }
        LOG.error("Page failed", e);
        return Response.status(500).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.problem(new ServiceProblem(500, "The panel could not show this page",
                        "This is a bug of the control panel; its log has the details (" + e.getClass().getSimpleName()
                                + ").", List.of()))).build();
    }

    @ServerExceptionMapper
    public Response unreachable(ProcessingException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return Response.status(503).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.problem(new ServiceProblem(503, "A platform service cannot be reached",
                        cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                        List.of()))).build();
    }
}
