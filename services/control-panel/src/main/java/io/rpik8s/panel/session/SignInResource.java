package io.rpik8s.panel.session;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.rpik8s.panel.config.PanelConfig;
import io.rpik8s.panel.upstream.ServiceProblem;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/** Signing in with a platform token (checked by a service, never by the panel alone) and signing out. */
@Path("/")
public class SignInResource {

    @CheckedTemplate(basePath = "session")
    static class Templates {
        static native TemplateInstance signIn(String next, String error, String hint, String singleSignOn);

        static native TemplateInstance continuing(String next);
    }

    private final SessionStarter sessions;
    private final SessionCookie cookies;
    private final PanelConfig config;
    private final OidcProvider oidc;

    public SignInResource(SessionStarter sessions, SessionCookie cookies, PanelConfig config, OidcProvider oidc) {
        this.sessions = sessions;
        this.cookies = cookies;
        this.config = config;
        this.oidc = oidc;
    }

    @GET
    @Path("sign-in")
    public TemplateInstance form(@RestQuery String next) {
        return page(next, null);
    }

    @POST
    @Path("sign-in")
    public Uni<Response> signIn(@RestForm String token, @RestForm String next) {
        String pasted = token == null ? "" : token.trim();
        if (pasted.isEmpty()) {
            return Uni.createFrom().item(refused(next, "Paste a token."));
        }
        return sessions.start(pasted)
                .map(cookie -> Response.seeOther(URI.create(safe(next))).cookie(cookie).build())
                .onFailure(ServiceProblem.class).recoverWithItem(p -> refused(next, ((ServiceProblem) p).status() == 401
                        ? "The platform did not accept this token (unknown, expired or signed with another key)."
                        : ((ServiceProblem) p).title() + ": " + ((ServiceProblem) p).detail()))
                .onFailure().recoverWithItem(e -> refused(next,
                        "The platform cannot be reached to check the token: " + e.getMessage()));
    }

    @POST
    @Path("sign-out")
    public Response signOut() {
        return Response.seeOther(URI.create("/sign-in")).cookie(cookies.clear()).build();
    }

    private Response refused(String next, String error) {
        return Response.status(401).entity(page(next, error)).build();
    }

    /** The sign-in page; with a single sign-on button when an OIDC provider is configured. */
    TemplateInstance page(String next, String error) {
        return Templates.signIn(safe(next), error, config.signInHint(), oidc.configured() ? oidc.buttonLabel() : null);
    }

    /** Only paths of this panel: never a redirect to another site after signing in. */
    static String safe(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\")
                && !next.startsWith("/sign-") ? next : "/";
    }
}
