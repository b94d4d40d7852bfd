package io.rpik8s.model.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every event type the platform emits, the topic it travels on, and the payload field that carries its subject.
 * The type is also the CloudEvents {@code ce_type} and the {@code event} field of the data.
 */
public final class EventTypes {

    public static final String DEPLOYMENT_CREATED = "deployment.created";
    public static final String DEPLOYMENT_UPDATED = "deployment.updated";
    public static final String DEPLOYMENT_SCALED = "deployment.scaled";
    public static final String DEPLOYMENT_RESTARTED = "deployment.restarted";
    public static final String DEPLOYMENT_ROLLED_BACK = "deployment.rolled_back";
    public static final String DEPLOYMENT_DELETED = "deployment.deleted";
    public static final String DEPLOYMENT_READY = "deployment.ready";
    public static final String DEPLOYMENT_FAILED = "deployment.failed";

    public static final String ALERT_FIRING = "alert.firing";
    public static final String ALERT_RESOLVED = "alert.resolved";

    public static final String BUCKET_CREATED = "bucket.created";
    public static final String BUCKET_DELETED = "bucket.deleted";
    public static final String VOLUME_CREATED = "volume.created";
    public static final String VOLUME_EXPANDED = "volume.expanded";
    public static final String VOLUME_DELETED = "volume.deleted";
    public static final String VOLUME_NEARLY_FULL = "volume.nearly_full";
    public static final String DATABASE_CREATED = "database.created";
    public static final String DATABASE_DROPPED = "database.dropped";
    public static final String DATABASE_PASSWORD_ROTATED = "database.password_rotated";

    /** An app reported its own health through its sidecar. */
    public static final String APP_HEALTH_REPORTED = "app.health_reported";
    /** An app published an event of its own through its sidecar. */
    public static final String APP_CUSTOM = "app.custom";

    public static final String WEBHOOK_TEST = "webhook.test";
    public static final String WEBHOOK_ENDPOINT_DISABLED = "webhook.endpoint_disabled";

    private static final Map<String, Route> ROUTES = new LinkedHashMap<>();

    static {
        for (String t : new String[] {DEPLOYMENT_CREATED, DEPLOYMENT_UPDATED, DEPLOYMENT_SCALED, DEPLOYMENT_RESTARTED,
                DEPLOYMENT_ROLLED_BACK, DEPLOYMENT_DELETED, DEPLOYMENT_READY, DEPLOYMENT_FAILED}) {
            ROUTES.put(t, new Route(Topics.DEPLOYMENTS, "deployment"));
        }
        ROUTES.put(ALERT_FIRING, new Route(Topics.ALERTS, "alert"));
        ROUTES.put(ALERT_RESOLVED, new Route(Topics.ALERTS, "alert"));
        ROUTES.put(BUCKET_CREATED, new Route(Topics.STORAGE, "bucket"));
        ROUTES.put(BUCKET_DELETED, new Route(Topics.STORAGE, "bucket"));
        for (String t : new String[] {VOLUME_CREATED, VOLUME_EXPANDED, VOLUME_DELETED, VOLUME_NEARLY_FULL}) {
            ROUTES.put(t, new Route(Topics.STORAGE, "volume"));
        }
        for (String t : new String[] {DATABASE_CREATED, DATABASE_DROPPED, DATABASE_PASSWORD_ROTATED}) {
            ROUTES.put(t, new Route(Topics.STORAGE, "database"));
        }
        // On the deployments topic, keyed by namespace/name: an app's own reports stay in order with its rollouts.
        ROUTES.put(APP_HEALTH_REPORTED, new Route(Topics.DEPLOYMENTS, "app"));
        ROUTES.put(APP_CUSTOM, new Route(Topics.DEPLOYMENTS, "app"));
        // webhook.test never travels on Kafka: the dispatcher builds it for one endpoint.
        ROUTES.put(WEBHOOK_TEST, new Route(null, "webhook"));
        ROUTES.put(WEBHOOK_ENDPOINT_DISABLED, new Route(Topics.WEBHOOKS, "endpoint"));
    }

    private EventTypes() {
    }

    /** All known event types, in a stable order. */
    public static Set<String> all() {
        return ROUTES.keySet();
    }

    public static boolean isKnown(String type) {
        return ROUTES.containsKey(type);
    }

    /** The topic an event type is published on, or {@code null} for events that never go through Kafka. */
    public static String topicOf(String type) {
        return route(type).topic();
    }

    /** The name of the data field that carries the event's subject ({@code deployment}, {@code alert}, ...). */
    public static String subjectFieldOf(String type) {
        return route(type).subjectField();
    }

    private static Route route(String type) {
        Route r = ROUTES.get(type);
        if (r == null) {
            throw new IllegalArgumentException("Unknown event type: " + type);
        }
        return r;
    }

    private record Route(String topic, String subjectField) {
    }
}
