package io.rpik8s.panel.session;

import io.rpik8s.panel.config.PanelConfig;
import io.rpik8s.panel.upstream.ServiceProblem;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Single sign-on: the authorization code flow with PKCE against the configured OIDC provider. The access token it
 * yields goes into the same encrypted session cookie as a pasted token, after a service has accepted it.
 */
@Path(OidcStateCookie.PATH)
public class OidcSignInResource {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final OidcProvider provider;
    private final OidcStateCookie pendingCookie;
    private final SessionStarter sessions;
    private final SignInResource signIn;
    private final PanelConfig config;

    public OidcSignInResource(OidcProvider provider, OidcStateCookie pendingCookie, SessionStarter sessions,
            SignInResource signIn, PanelConfig config) {
        this.provider = provider;
        this.pendingCookie = pendingCookie;
        this.sessions = sessions;
        this.signIn = signIn;
        this.config = config;
    }

    @GET
    public Uni<Response> start(@RestQuery String next, @Context UriInfo uri) {
        if (!provider.configured()) {
            return Uni.createFrom().item(Response.status(404).entity(signIn.page(next,
                    "Single sign-on is not configured on this panel: paste a token.")).build());
        }
        OidcStateCookie.PendingSignIn pending = new OidcStateCookie.PendingSignIn(random(), random(), random(),
                SignInResource.safe(next), Instant.now().plus(config.oidc().stateMaxAge()));
        return provider.authorizationUri(pending.state(), pending.verifier(), pending.nonce(), redirectUri(uri))
                .map(target -> Response.seeOther(target).cookie(pendingCookie.issue(pending)).build())
                .onFailure(OidcProvider.OidcFailure.class).recoverWithItem(e -> refused(next, e.getMessage()));
    }

    @GET
    @Path("callback")
    public Uni<Response> callback(@RestQuery String code, @RestQuery String state, @RestQuery String error,
            @RestQuery("error_description") String description,
            @CookieParam(OidcStateCookie.NAME) String cookie, @Context UriInfo uri) {
        Optional<OidcStateCookie.PendingSignIn> pending = pendingCookie.read(cookie);
        String next = pending.map(OidcStateCookie.PendingSignIn::next).orElse("/");
        if (error != null) {
            return Uni.createFrom().item(refused(next, "The sign-in provider refused: " + error
                    + (description == null ? "" : " (" + description + ")")));
        }
        if (pending.isEmpty() || state == null || !sameText(state, pending.get().state())) {
            // Not a sign-in this browser started here (expired, replayed or forged): start again.
            return Uni.createFrom().item(refused("/", "That sign-in was not started from this browser, or it took"
                    + " too long. Sign in again."));
        }
        if (code == null || code.isBlank()) {
            return Uni.createFrom().item(refused(next, "The sign-in provider sent no authorization code."));
        }
        return provider.exchange(code, pending.get().verifier(), redirectUri(uri))
                .chain(sessions::start)
                .map(session -> Response.ok(SignInResource.Templates.continuing(next)).cookie(session,
                        pendingCookie.clear()).build())
                .onFailure(OidcProvider.OidcFailure.class).recoverWithItem(e -> refused(next, e.getMessage()))
                .onFailure(ServiceProblem.class).recoverWithItem(e -> refused(next, ((ServiceProblem) e).status() == 401
                        ? "The platform's services do not accept this provider's tokens: check that"
                                + " platform.auth.oidc.issuer names the same issuer."
                        : ((ServiceProblem) e).title() + ": " + ((ServiceProblem) e).detail()))
                .onFailure().recoverWithItem(e -> refused(next, "The platform cannot be reached to check the"
                        + " token: " + e.getMessage()));
    }

    private Response refused(String next, String message) {
        return Response.status(401).entity(signIn.page(next, message)).cookie(pendingCookie.clear()).build();
    }

    private String redirectUri(UriInfo uri) {
        return config.oidc().redirectUri().orElseGet(() -> uri.getBaseUriBuilder().path(OidcStateCookie.PATH)
                .path("callback").build().toString());
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean sameText(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
