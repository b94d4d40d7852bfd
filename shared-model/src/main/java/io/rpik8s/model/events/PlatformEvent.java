package io.rpik8s.model.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The JSON data of every platform event, in the shape of the original framework's webhook payload:
 * {@code {"event": "deployment.created", "timestamp": "...", "deployment": {...}}}. Exactly one subject field is
 * set, the one {@link EventTypes#subjectFieldOf(String)} names for the event type.
 *
 * @param event     the event type, also the CloudEvents type
 * @param timestamp when the change happened
 * @param actor     who made the change, when a person or token did
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlatformEvent(
        String event,
        Instant timestamp,
        String actor,
        DeploymentPayload deployment,
        AlertPayload alert,
        BucketPayload bucket,
        VolumePayload volume,
        DatabasePayload database,
        WebhookPayload webhook,
        EndpointPayload endpoint,
        AppPayload app) {

    public PlatformEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    public static PlatformEvent deployment(String type, DeploymentPayload deployment, String actor) {
        return new PlatformEvent(type, now(), actor, deployment, null, null, null, null, null, null, null);
    }

    public static PlatformEvent alert(String type, AlertPayload alert) {
        return new PlatformEvent(type, now(), null, null, alert, null, null, null, null, null, null);
    }

    public static PlatformEvent bucket(String type, BucketPayload bucket, String actor) {
        return new PlatformEvent(type, now(), actor, null, null, bucket, null, null, null, null, null);
    }

    public static PlatformEvent volume(String type, VolumePayload volume, String actor) {
        return new PlatformEvent(type, now(), actor, null, null, null, volume, null, null, null, null);
    }

    public static PlatformEvent database(String type, DatabasePayload database, String actor) {
        return new PlatformEvent(type, now(), actor, null, null, null, null, database, null, null, null);
    }

    public static PlatformEvent webhookTest(WebhookPayload webhook, String actor) {
        return new PlatformEvent(EventTypes.WEBHOOK_TEST, now(), actor, null, null, null, null, null, webhook, null,
                null);
    }

    public static PlatformEvent endpointDisabled(EndpointPayload endpoint) {
        return new PlatformEvent(EventTypes.WEBHOOK_ENDPOINT_DISABLED, now(), null, null, null, null, null, null,
                null, endpoint, null);
    }

    /** What an app reported through its sidecar; {@code actor} is the sidecar's service account. */
    public static PlatformEvent app(String type, AppPayload app, String actor) {
        return new PlatformEvent(type, now(), actor, null, null, null, null, null, null, null, app);
    }

    /** The CloudEvents subject: {@code namespace/name} for namespaced things, the name or fingerprint otherwise. */
    @JsonIgnore
    public String subject() {
        if (deployment != null) {
            return deployment.namespace() + "/" + deployment.name();
        }
        if (alert != null) {
            return alert.subject();
        }
        if (bucket != null) {
            return bucket.name();
        }
        if (volume != null) {
            return volume.namespace() + "/" + volume.name();
        }
        if (database != null) {
            return database.name();
        }
        if (webhook != null) {
            return webhook.endpointId();
        }
        if (app != null) {
            return app.namespace() + "/" + app.name();
        }
        return endpoint != null ? endpoint.id() : null;
    }

    /** The Kafka record key: events about one subject stay in order on one partition. */
    @JsonIgnore
    public String key() {
        return subject();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
