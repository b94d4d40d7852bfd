package io.rpik8s.sidecar.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the sidecar; the deployment plugin sets them as environment variables ({@code SIDECAR_*}). */
@ConfigMapping(prefix = "sidecar")
public interface SidecarConfig {

    /** The platform's sidecar API: monitoring-service's base URL. */
    @WithDefault("http://monitoring-service.platform-system.svc:8082")
    String platformUrl();

    /**
     * The pod's projected service-account token (audience {@code rpi-k8s-platform}); read again for every call,
     * since the kubelet rotates it.
     */
    @WithDefault("/var/run/secrets/rpi-k8s.io/sidecar/token")
    String tokenFile();

    /** The app this sidecar serves. */
    App app();

    /** Where the app's events are POSTed, when it wants callbacks. */
    Callback callback();

    /** How long to wait before subscribing again when the platform's stream ends or cannot be opened. */
    @WithDefault("2s")
    Duration reconnectDelay();

    /** The app, as its labels and namespace name it. */
    interface App {
        /** The app's name (its {@code rpi-k8s.io/app} label). */
        String name();

        /** The app's namespace (the pod's). */
        String namespace();
    }

    /** HTTP callbacks to the app, in the same pod. */
    interface Callback {
        /** The path the app receives events on, e.g. {@code /platform-events}; without it, no callbacks. */
        Optional<String> path();

        /** The app's port on localhost. */
        @WithDefault("8080")
        int port();

        /** Attempts per event before it is given up (the stream is still there for the app to read). */
        @WithDefault("3")
        int attempts();
    }
}
