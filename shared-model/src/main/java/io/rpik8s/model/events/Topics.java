package io.rpik8s.model.events;

/** Kafka topic names of the platform's event streams. */
public final class Topics {

    /** Deployment lifecycle events: created, updated, scaled, restarted, rolled back, deleted, ready, failed; and
     * what apps report about themselves through their sidecar ({@code app.health_reported}, {@code app.custom}). */
    public static final String DEPLOYMENTS = "platform.deployments";
    /** Alert events: firing and resolved. */
    public static final String ALERTS = "platform.alerts";
    /** Storage events: buckets, volumes and databases. */
    public static final String STORAGE = "platform.storage";
    /** Events about the webhook dispatcher itself (endpoint disabled); not dispatched as webhooks to avoid loops. */
    public static final String WEBHOOKS = "platform.webhooks";

    private Topics() {
    }
}
