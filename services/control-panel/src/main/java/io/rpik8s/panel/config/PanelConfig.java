package io.rpik8s.panel.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The control panel's settings. */
@ConfigMapping(prefix = "platform.panel")
public interface PanelConfig {

    /** Sessions. */
    SessionSettings session();

    /**
     * How long one live stream (events, a pod's log) lasts before the panel ends it and the browser reconnects, so
     * that no stream outlives its session.
     */
    @WithDefault("15m")
    java.time.Duration liveStreamMaxDuration();

    /** Shown on the sign-in page: where a user gets a token. */
    @WithDefault("The local run writes an admin token to .local/admin-token; in a cluster an admin mints one with deploy/mint-token.")
    String signInHint();

    /** Web UIs of the platform services, by their health-check name (for example {@code grafana=http://grafana.pi.lan}). */
    Map<String, String> serviceLinks();

    /** Sign-in through an OpenID Connect provider (authorization code with PKCE), besides a pasted token. */
    Oidc oidc();

    /**
     * The OIDC client of the panel. The services must verify the same issuer's tokens ({@code platform.auth.oidc.*}),
     * since the panel signs in with the access token it receives and passes it on.
     */
    interface Oidc {

        /** The issuer URL (its {@code /.well-known/openid-configuration} is read); unset, only tokens are pasted. */
        Optional<String> issuer();

        /** The panel's client id at the provider. */
        Optional<String> clientId();

        /** The client secret of a confidential client, from a Secret ({@code PLATFORM_PANEL_OIDC_CLIENT_SECRET}). */
        Optional<String> clientSecret();

        /** Scopes asked for; {@code openid} is always among them. */
        @WithDefault("openid,profile")
        java.util.List<String> scopes();

        /**
         * The callback URL registered at the provider; by default {@code /sign-in/oidc/callback} on the host and
         * scheme the browser used.
         */
        Optional<String> redirectUri();

        /** The button's label on the sign-in page. */
        @WithDefault("Sign in with single sign-on")
        String buttonLabel();

        /** How long a sign-in may take at the provider before its state expires. */
        @WithDefault("10m")
        Duration stateMaxAge();
    }

    /** How the session cookie is made. */
    interface SessionSettings {

        /**
         * Base64 key (32 bytes) that encrypts the session cookie; random at each start when unset, which signs
         * everyone out on a restart and needs a single replica.
         */
        Optional<String> key();

        /** Mark the cookie {@code Secure}: set it when the panel is served over HTTPS. */
        @WithDefault("false")
        boolean secureCookie();

        /** The longest a session lasts, even when the token lives longer. */
        @WithDefault("12h")
        Duration maxAge();

    }
}
