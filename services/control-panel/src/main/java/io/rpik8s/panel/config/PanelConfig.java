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
