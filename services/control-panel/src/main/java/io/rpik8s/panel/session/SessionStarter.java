package io.rpik8s.panel.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rpik8s.panel.upstream.DeploymentApi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Turns a bearer token into a session cookie, whichever way it was obtained (pasted, or from the OIDC provider): a
 * service checks it and says who it belongs to, never the panel alone.
 */
@ApplicationScoped
public class SessionStarter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DeploymentApi deployments;
    private final SessionCookie cookies;

    public SessionStarter(@RestClient DeploymentApi deployments, SessionCookie cookies) {
        this.deployments = deployments;
        this.cookies = cookies;
    }

    /** The session cookie for {@code token}; fails with the service's problem when the token is refused. */
    public Uni<NewCookie> start(String token) {
        return deployments.whoami("Bearer " + token).map(me -> cookies.issue(new Session(token, me.subject(),
                me.roles(), cookies.expiryFor(expiryOf(token)))));
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
