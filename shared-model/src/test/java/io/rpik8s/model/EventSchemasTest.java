package io.rpik8s.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpik8s.model.events.AlertPayload;
import io.rpik8s.model.events.AppPayload;
import io.rpik8s.model.events.BucketPayload;
import io.rpik8s.model.events.DatabasePayload;
import io.rpik8s.model.events.DeploymentPayload;
import io.rpik8s.model.events.EndpointPayload;
import io.rpik8s.model.events.EventJson;
import io.rpik8s.model.events.EventSchemas;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.model.events.PlatformEvent;
import io.rpik8s.model.events.Topics;
import io.rpik8s.model.events.VolumePayload;
import io.rpik8s.model.events.WebhookPayload;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventSchemasTest {

    static List<PlatformEvent> samples() {
        DeploymentPayload app = DeploymentPayload.of("my-app", "default", 3, "my-registry/my-app:v1.0.0");
        AlertPayload firing = new AlertPayload("3f2a9c", "NodeTemperatureHigh", "warning", "firing",
                "node/pi-worker-1", 81.5, 80.0, "pi-worker-1 is at 81.5 °C", Map.of("node", "pi-worker-1"),
                Instant.parse("2024-01-10T12:00:00Z"), null);
        AlertPayload resolved = new AlertPayload("3f2a9c", "NodeTemperatureHigh", "warning", "resolved",
                "node/pi-worker-1", 70.0, 80.0, "pi-worker-1 is back to 70 °C", Map.of("node", "pi-worker-1"),
                Instant.parse("2024-01-10T12:00:00Z"), Instant.parse("2024-01-10T12:05:00Z"));
        DatabasePayload db = new DatabasePayload("mlflow", "mlflow_owner", "ml-platform", "mlflow-db");
        return List.of(
                PlatformEvent.deployment(EventTypes.DEPLOYMENT_CREATED, app, "alice"),
                PlatformEvent.deployment(EventTypes.DEPLOYMENT_UPDATED, app, "alice"),
                PlatformEvent.deployment(EventTypes.DEPLOYMENT_SCALED, new DeploymentPayload("my-app", "default", 5,
                        null, "container", null, 3, null, null, null, null, "api"), "alice"),
                PlatformEvent.deployment(EventTypes.DEPLOYMENT_RESTARTED, app, "alice"),
                PlatformEvent.deployment(EventTypes.DEPLOYMENT_ROLLED_BACK, new DeploymentPayload("my-app", "default",
                        3, "my-registry/my-app:v0.9.0", "container", 2L, null, "my-registry/my-app:v1.0.0", null,
                        null, null, "api"), "alice"),
                PlatformEvent.deployment(EventTypes.DEPLOYMENT_DELETED, app, "alice"),
                PlatformEvent.deployment(EventTypes.DEPLOYMENT_READY, new DeploymentPayload("my-app", "default", 3,
                        "my-registry/my-app:v1.0.0", null, 4L, null, null, 3, null, null, "cluster"), null),
                PlatformEvent.deployment(EventTypes.DEPLOYMENT_FAILED, new DeploymentPayload("my-app", "default", 3,
                        "my-registry/my-app:v1.0.0", null, 4L, null, null, 0, "ProgressDeadlineExceeded",
                        "ReplicaSet my-app-7d9f has timed out progressing.", "cluster"), null),
                PlatformEvent.alert(EventTypes.ALERT_FIRING, firing),
                PlatformEvent.alert(EventTypes.ALERT_RESOLVED, resolved),
                PlatformEvent.bucket(EventTypes.BUCKET_CREATED, BucketPayload.of("mlflow-artifacts"), "alice"),
                PlatformEvent.bucket(EventTypes.BUCKET_DELETED, new BucketPayload("scratch", null, null, 12L, true),
                        "alice"),
                PlatformEvent.volume(EventTypes.VOLUME_CREATED, VolumePayload.of("data", "ml-platform", "local-path",
                        "10Gi"), "alice"),
                PlatformEvent.volume(EventTypes.VOLUME_EXPANDED, new VolumePayload("data", "ml-platform",
                        "longhorn", "20Gi", "10Gi", null, null, null), "alice"),
                PlatformEvent.volume(EventTypes.VOLUME_DELETED, VolumePayload.of("data", "ml-platform", null, "10Gi"),
                        "alice"),
                PlatformEvent.volume(EventTypes.VOLUME_NEARLY_FULL, new VolumePayload("data", "ml-platform",
                        "local-path", "10Gi", null, 9_800_000_000L, 10_737_418_240L, 91.3), null),
                PlatformEvent.database(EventTypes.DATABASE_CREATED, db, "alice"),
                PlatformEvent.database(EventTypes.DATABASE_DROPPED, db, "alice"),
                PlatformEvent.database(EventTypes.DATABASE_PASSWORD_ROTATED, db, "alice"),
                PlatformEvent.webhookTest(new WebhookPayload("ep_1", "ping"), "admin"),
                PlatformEvent.endpointDisabled(new EndpointPayload("ep_1", "https://hooks.example.com/x", "gone",
                        Instant.parse("2024-01-10T12:00:00Z"))),
                PlatformEvent.app(EventTypes.APP_HEALTH_REPORTED, AppPayload.health("shop", "default",
                        "shop-7d9f-x2k4q", AppPayload.DEGRADED, "payment provider slow"),
                        "system:serviceaccount:default:shop"),
                PlatformEvent.app(EventTypes.APP_CUSTOM, AppPayload.custom("shop", "default", "shop-7d9f-x2k4q",
                        "order.shipped", Map.of("order", "A-17", "items", 3)), "system:serviceaccount:default:shop"));
    }

    @Test
    void everyEventTypeHasASampleAndASchema() {
        Set<String> sampled = samples().stream().map(PlatformEvent::event).collect(Collectors.toSet());
        assertThat(sampled).containsExactlyInAnyOrderElementsOf(EventTypes.all());
        for (String type : EventTypes.all()) {
            assertThat(getClass().getClassLoader().getResource(EventSchemas.resourceOf(type)))
                    .as("schema of %s", type).isNotNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyEmittableEventValidatesAgainstItsSchema(PlatformEvent event) {
        assertThat(EventSchemas.validate(EventJson.write(event))).as(event.event()).isEmpty();
        assertThat(EventJson.read(EventJson.write(event))).isEqualTo(event);
    }

    @Test
    void theOriginalFrameworkPayloadValidatesAsIs() {
        String original = """
                {"event": "deployment.created", "timestamp": "2024-01-10T12:00:00Z",
                 "deployment": {"name": "my-app", "namespace": "default", "replicas": 3,
                                "image": "my-registry/my-app:v1.0.0"}}""";
        assertThat(EventSchemas.validate(original)).isEmpty();
        assertThat(EventJson.read(original).subject()).isEqualTo("default/my-app");
    }

    @Test
    void serialisedDataKeepsTheOriginalShape() throws Exception {
        PlatformEvent event = PlatformEvent.deployment(EventTypes.DEPLOYMENT_CREATED,
                DeploymentPayload.of("my-app", "default", 3, "my-registry/my-app:v1.0.0"), null);
        var json = EventJson.mapper().readTree(EventJson.write(event));
        assertThat(json.fieldNames()).toIterable().containsExactly("event", "timestamp", "deployment");
        assertThat(json.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        assertThat(json.get("deployment").fieldNames()).toIterable()
                .containsExactly("name", "namespace", "replicas", "image");
    }

    @Test
    void appReportsAreKeyedByTheAppAndRefuseWhatTheSchemaDoesNotAllow() {
        PlatformEvent health = PlatformEvent.app(EventTypes.APP_HEALTH_REPORTED,
                AppPayload.health("shop", "default", "shop-1", AppPayload.HEALTHY, null),
                "system:serviceaccount:default:shop");
        assertThat(health.key()).isEqualTo("default/shop");
        assertThat(EventTypes.topicOf(EventTypes.APP_CUSTOM)).isEqualTo(Topics.DEPLOYMENTS);
        assertThat(EventSchemas.validate(EventJson.write(PlatformEvent.app(EventTypes.APP_HEALTH_REPORTED,
                AppPayload.health("shop", "default", "shop-1", "fine", null), "sa"))))
                .anySatisfy(m -> assertThat(m).contains("status"));
        assertThat(EventSchemas.validate(EventJson.write(PlatformEvent.app(EventTypes.APP_CUSTOM,
                AppPayload.custom("shop", "default", "shop-1", "Order Shipped!", null), "sa"))))
                .anySatisfy(m -> assertThat(m).contains("type"));
    }

    @Test
    void invalidEventsAreRefusedWithTheFieldNamed() {
        assertThat(EventSchemas.validate("""
                {"event": "deployment.created", "timestamp": "2024-01-10T12:00:00Z",
                 "deployment": {"name": "my-app", "namespace": "default", "replicas": 3}}"""))
                .anySatisfy(m -> assertThat(m).contains("image"));
        assertThat(EventSchemas.validate("""
                {"event": "deployment.created", "timestamp": "yesterday",
                 "deployment": {"name": "my-app", "namespace": "default", "replicas": 3, "image": "x"}}"""))
                .anySatisfy(m -> assertThat(m).contains("timestamp"));
        assertThat(EventSchemas.validate("""
                {"event": "alert.firing", "timestamp": "2024-01-10T12:00:00Z",
                 "deployment": {"name": "my-app", "namespace": "default", "replicas": 3, "image": "x"}}"""))
                .isNotEmpty();
        assertThat(EventSchemas.validate("{\"event\": \"nope.happened\"}")).containsExactly(
                "$.event: unknown event type nope.happened");
    }
}
