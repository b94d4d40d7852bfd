package io.rpik8s.monitoring.sidecar;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates sidecars on the sidecar API only, with their pod's service-account token as the Kubernetes API
 * reviews it: no shared secret. The identity gets the role {@value SidecarCaller#ROLE} and nothing else, so a pod's
 * token opens no other endpoint; other tokens, and every other path, are left to the platform-token (JWT) mechanism.
 */
@ApplicationScoped
public class ServiceAccountTokenMechanism implements HttpAuthenticationMechanism {

    static final String PATH_PREFIX = "/api/v1/sidecar/";
    private static final String BEARER = "Bearer ";

    private final TokenReviews reviews;

    public ServiceAccountTokenMechanism(TokenReviews reviews) {
        this.reviews = reviews;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        if (!context.normalizedPath().startsWith(PATH_PREFIX)) {
            return Uni.createFrom().optional(Optional.empty());
        }
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().optional(Optional.empty());
        }
        // A token the cluster does not vouch for goes on to the platform-token mechanism: a platform token is then
        // a known identity without the sidecar role (403), anything else is refused there (401).
        return reviews.review(header.substring(BEARER.length()).trim()).map(caller -> caller
                .<SecurityIdentity>map(c -> QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(c.username()))
                        .addRole(SidecarCaller.ROLE)
                        .addAttribute(SidecarCaller.ATTRIBUTE, c)
                        .build())
                .orElse(null));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().optional(Optional.empty());
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }

    /** Ahead of the JWT mechanism (default priority), which would refuse a Kubernetes token. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }
}
