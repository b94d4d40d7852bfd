package io.rpik8s.monitoring.alerts.alertmanager;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.rpik8s.monitoring.config.MonitoringConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Authenticates Alertmanager on its webhook path only: the bearer token must equal the {@code alertmanager-webhook}
 * Secret's (compared in constant time); the identity gets the role {@value #ROLE} and nothing else. It runs before
 * the platform-token (JWT) mechanism, which would refuse this token, and leaves every other path to it.
 */
@ApplicationScoped
public class AlertmanagerTokenMechanism implements HttpAuthenticationMechanism {

    /** The only role of Alertmanager's identity. */
    public static final String ROLE = "alertmanager";

    private static final Logger LOG = Logger.getLogger(AlertmanagerTokenMechanism.class);
    private static final String BEARER = "Bearer ";

    private final Optional<byte[]> token;

    public AlertmanagerTokenMechanism(MonitoringConfig config) {
        this.token = config.alertmanager().webhookToken().filter(t -> !t.isBlank())
                .map(t -> t.trim().getBytes(StandardCharsets.UTF_8));
        if (token.isEmpty() && config.alerts().source() == MonitoringConfig.AlertSource.ALERTMANAGER) {
            LOG.warn("No Alertmanager webhook token (PLATFORM_MONITORING_ALERTMANAGER_WEBHOOK_TOKEN): "
                    + "every notification is refused");
        }
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        if (!AlertmanagerWebhookResource.PATH.equals(context.normalizedPath())) {
            return Uni.createFrom().optional(Optional.empty());
        }
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().optional(Optional.empty());
        }
        byte[] presented = header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        if (token.isEmpty() || !MessageDigest.isEqual(token.get(), presented)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("not the Alertmanager webhook token"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(ROLE)).addRole(ROLE).build());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().optional(Optional.empty());
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }

    /** Ahead of the JWT mechanism (default priority). */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }
}
