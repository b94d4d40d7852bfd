package io.rpik8s.commons.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** How API bearer tokens are verified. */
@ConfigMapping(prefix = "platform.auth")
public interface AuthConfig {

    /**
     * The shared HMAC key (at least 32 bytes) that signs platform tokens; from the {@code platform-auth} Secret
     * ({@code PLATFORM_AUTH_SIGNING_KEY}). Ignored when an OIDC issuer is configured.
     */
    Optional<String> signingKey();

    /** Expected {@code iss} claim of platform tokens. */
    @WithDefault("rpi-k8s-platform")
    String issuer();

    /** Verify tokens of an external OIDC issuer instead of platform tokens. */
    Oidc oidc();

    /** An external OIDC issuer whose access tokens carry the platform roles in a claim. */
    interface Oidc {

        /** The issuer URL; when set, tokens are verified with its JWKS and the signing key is not used. */
        Optional<String> issuer();

        /** Where the issuer's JWKS lives; defaults to {@code <issuer>/protocol/openid-connect/certs} (Keycloak). */
        Optional<String> jwksUrl();

        /** The claim holding the roles (viewer, operator, admin). */
        @WithDefault("groups")
        String rolesClaim();

        /** Required audience, if any. */
        Optional<String> audience();
    }
}
