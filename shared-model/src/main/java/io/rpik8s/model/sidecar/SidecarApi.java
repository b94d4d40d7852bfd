package io.rpik8s.model.sidecar;

/**
 * The platform's API for app sidecars (served by monitoring-service, called by {@code platform-sidecar}): every path
 * names the app, and the platform answers only a sidecar whose service-account token it reviewed as a pod of that
 * app (else 403).
 */
public final class SidecarApi {

    /** Base path; {@code {namespace}} and {@code {name}} are the app's. */
    public static final String BASE = "/api/v1/sidecar/apps/{namespace}/{name}";
    /** GET: the app's events (its deployment's events, its alerts) as server-sent events named by event type. */
    public static final String EVENTS = "/events";
    /** POST a {@link HealthReport}: published as {@code app.health_reported}. */
    public static final String HEALTH = "/health";
    /** POST a {@link CustomEvent}: published as {@code app.custom}. */
    public static final String CUSTOM = "/custom";
    /** The SSE event name of the keep-alive comment events, not an event of the app. */
    public static final String HEARTBEAT = "heartbeat";

    private SidecarApi() {
    }

    /** The base path of one app. */
    public static String base(String namespace, String name) {
        return BASE.replace("{namespace}", namespace).replace("{name}", name);
    }
}
