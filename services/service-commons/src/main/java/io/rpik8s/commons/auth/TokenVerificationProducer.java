package io.rpik8s.commons.auth;

import io.rpik8s.model.auth.PlatformTokens;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Tells SmallRye JWT how to verify bearer tokens: platform tokens signed with the shared HS256 key, or, when an
 * OIDC issuer is configured, RS/ES tokens checked against the issuer's JWKS. Without either, every token is refused.
 */
@ApplicationScoped
public class TokenVerificationProducer {

    private static final Logger LOG = Logger.getLogger(TokenVerificationProducer.class);

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo contextInfo(AuthConfig config) {
        JWTAuthContextInfo info;
        if (config.oidc().issuer().isPresent()) {
            String issuer = config.oidc().issuer().get();
            info = new JWTAuthContextInfo(
                    config.oidc().jwksUrl().orElse(issuer + "/protocol/openid-connect/certs"), issuer);
            info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256));
            info.setGroupsPath(config.oidc().rolesClaim());
            config.oidc().audience().ifPresent(aud -> info.setExpectedAudience(Set.of(aud)));
            LOG.infof("API tokens are verified against OIDC issuer %s", issuer);
        } else {
            info = new JWTAuthContextInfo();
            info.setIssuedBy(config.issuer());
            info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.HS256));
            if (config.signingKey().isPresent()) {
                byte[] key = PlatformTokens.keyBytes(config.signingKey().get());
                info.setSecretVerificationKey(new SecretKeySpec(key, "HmacSHA256"));
            } else {
                LOG.warn("No token signing key configured (PLATFORM_AUTH_SIGNING_KEY): every /api call is refused");
                // An unguessable throw-away key: nothing verifies, nothing is accepted.
                info.setSecretVerificationKey(new SecretKeySpec(java.util.UUID.randomUUID().toString()
                        .repeat(2).getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            }
        }
        info.setRequireNamedPrincipal(true);
        return info;
    }
}
