package io.rpik8s.panel.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.rpik8s.panel.config.PanelConfig;
import io.rpik8s.panel.upstream.DeploymentApi;
import io.rpik8s.panel.upstream.ServiceProblem;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/** Signing in with a platform token (checked by a service, never by the panel alone) and signing out. */
@Path("/")
public class SignInResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    @CheckedTemplate(basePath = "session")
    static class Templates {
        static native TemplateInstance signIn(String next, String error, String hint);
    }

    private final DeploymentApi deployments;
    private final SessionCookie cookies;
    private final PanelConfig config;

    public SignInResource(@RestClient DeploymentApi deployments, SessionCookie cookies, PanelConfig config) {
        this.deployments = deployments;
        this.cookies = cookies;
        this.config = config;
    }

    @GET
    @Path("sign-in")
    public TemplateInstance form(@RestQuery String next) {
        return Templates.signIn(safe(next), null, config.signInHint());
    }

    @POST
    @Path("sign-in")
    public Uni<Response> signIn(@RestForm String token, @RestForm String next) {
        String pasted = token == null ? "" : token.trim();
        if (pasted.isEmpty()) {
            return Uni.createFrom().item(refused(next, "Paste a token."));
        }
        return deployments.whoami("Bearer " + pasted)
                .map(me -> {
                    Session session = new Session(pasted, me.subject(), me.roles(),
                            cookies.expiryFor(expiryOf(pasted)));
                    return Response.seeOther(URI.create(safe(next))).cookie(cookies.issue(session)).build();
                })
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
        return Response.status(401).entity(Templates.signIn(safe(next), error, config.signInHint())).build();
    }

    /** Only paths of this panel: never a redirect to another site after signing in. */
    static String safe(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\")
                && !next.startsWith("/sign-") ? next : "/";
    }

    /** The token's {@code exp}, read without verification: only to end the session with the token. */
    private static Optional<Instant> expiryOf(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            return claims.hasNonNull("exp") ? Optional.of(Instant.ofEpochSecond(claims.get("exp").asLong()))
                    : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
