package io.rpik8s.monitoring;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.rpik8s.model.events.AlertPayload;
import io.rpik8s.model.events.EventSchemas;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.model.events.Topics;
import io.rpik8s.monitoring.support.AlertmanagerTestResource;
import io.rpik8s.monitoring.support.FakePiExporter;
import io.rpik8s.testsupport.EventProbe;
import io.rpik8s.testsupport.PlatformTestResource;
import io.rpik8s.testsupport.ReceivedEvent;
import io.rpik8s.testsupport.TestTokens;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The production alerting path with the real parts: Prometheus evaluates the shipped rules on a Pi exporter's
 * readings, Alertmanager posts to monitoring-service's webhook, and alert.firing / alert.resolved appear on
 * platform.alerts exactly as the built-in engine publishes them; the rules and their state are listed from Prometheus.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PlatformTestResource.class)
@WithTestResource(AlertmanagerTestResource.class)
class AlertmanagerPathTest {

    private static final String WEBHOOK = "/api/v1/alerts/alertmanager";

    private EventProbe probe;
    private final FakePiExporter exporter = AlertmanagerTestResource.exporter();

    @BeforeEach
    void listen() {
        probe = EventProbe.on(Topics.ALERTS);
    }

    @AfterEach
    void close() {
        probe.close();
    }

    @Test
    void aHotPiFiresThroughPrometheusAndAlertmanagerAndResolvesWhenItCools() {
        exporter.temperature("pi-am-1", 81);

        AlertPayload firing = awaitAlert(EventTypes.ALERT_FIRING, "NodeTemperatureHigh", "node/pi-am-1");
        assertThat(firing.severity()).isEqualTo("warning");
        assertThat(firing.value()).isEqualTo(81.0);
        assertThat(firing.threshold()).isEqualTo(75.0);
        assertThat(firing.message()).isEqualTo("Node pi-am-1 SoC temperature is 81.0 °C (threshold 75 °C)");
        assertThat(firing.labels()).containsEntry("node", "pi-am-1").doesNotContainKeys("alertname", "severity");
        given().header("Authorization", TestTokens.bearer(TestTokens.viewer())).get("/api/v1/alerts/rules")
                .then().statusCode(200)
                .body("find { it.name == 'NodeTemperatureHigh' }.state", equalTo("firing"))
                .body("find { it.name == 'NodeTemperatureHigh' }.source", equalTo("prometheus"))
                .body("find { it.name == 'NodeTemperatureHigh' }.group", equalTo("raspberry-pi"))
                .body("name", hasItems("NodeNotReady", "PodCrashLooping", "PlatformServiceDown",
                        "WebhookDeliveriesFailing"));

        exporter.temperature("pi-am-1", 55);
        AlertPayload resolved = awaitAlert(EventTypes.ALERT_RESOLVED, "NodeTemperatureHigh", "node/pi-am-1");
        assertThat(resolved.fingerprint()).isEqualTo(firing.fingerprint());
        assertThat(resolved.startsAt()).isEqualTo(firing.startsAt());
        assertThat(resolved.endsAt()).isAfter(resolved.startsAt());
        // Alertmanager repeats notifications; the history and the events change once.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() ->
                ofRule(EventTypes.ALERT_FIRING, "node/pi-am-1").size() == 1
                        && ofRule(EventTypes.ALERT_RESOLVED, "node/pi-am-1").size() == 1);
        given().header("Authorization", TestTokens.bearer(TestTokens.viewer())).queryParam("status", "resolved")
                .get("/api/v1/alerts").then().statusCode(200)
                .body("find { it.fingerprint == '" + firing.fingerprint() + "' }.rule", equalTo("NodeTemperatureHigh"));
    }

    @Test
    void aRepeatedNotificationPublishesNothingNew() {
        String body = notification("firing", "pi-am-2", "0001-01-01T00:00:00Z");
        for (int expectedFired : new int[] {1, 0}) {
            given().header("Authorization", "Bearer " + AlertmanagerTestResource.token())
                    .contentType(ContentType.JSON).body(body).post(WEBHOOK)
                    .then().statusCode(200).body("fired", equalTo(expectedFired)).body("resolved", equalTo(0));
        }
        String resolved = notification("resolved", "pi-am-2", "2026-01-01T00:05:00Z");
        for (int expectedResolved : new int[] {1, 0}) {
            given().header("Authorization", "Bearer " + AlertmanagerTestResource.token())
                    .contentType(ContentType.JSON).body(resolved).post(WEBHOOK)
                    .then().statusCode(200).body("resolved", equalTo(expectedResolved));
        }
        AlertPayload end = awaitAlert(EventTypes.ALERT_RESOLVED, "NodeUnderVoltage", "node/pi-am-2");
        assertThat(end.value()).isEqualTo(327685.0);
        assertThat(end.severity()).isEqualTo("critical");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() ->
                ofRule(EventTypes.ALERT_FIRING, "node/pi-am-2").size() == 1
                        && ofRule(EventTypes.ALERT_RESOLVED, "node/pi-am-2").size() == 1);
    }

    @Test
    void theWebhookTakesOnlyAlertmanagersTokenAndNamesBadFields() {
        String body = notification("firing", "pi-am-3", "0001-01-01T00:00:00Z");
        given().contentType(ContentType.JSON).body(body).post(WEBHOOK).then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer wrong-token").contentType(ContentType.JSON).body(body).post(WEBHOOK)
                .then().statusCode(401).contentType("application/problem+json");
        // A platform admin is not Alertmanager.
        given().header("Authorization", TestTokens.bearer(TestTokens.admin())).contentType(ContentType.JSON)
                .body(body).post(WEBHOOK).then().statusCode(401);
        given().header("Authorization", "Bearer " + AlertmanagerTestResource.token()).contentType(ContentType.JSON)
                .body("{\"version\":\"4\",\"alerts\":[{\"status\":\"burning\",\"labels\":{\"alertname\":\"X\"},"
                        + "\"startsAt\":\"2026-01-01T00:00:00Z\"}]}")
                .post(WEBHOOK).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("alerts[0].status"));
        assertThat(ofRule(EventTypes.ALERT_FIRING, "node/pi-am-3")).isEmpty();
    }

    private static String notification(String status, String node, String endsAt) {
        return """
                {"version": "4", "receiver": "monitoring-service", "status": "%s", "groupKey": "{}:{}",
                 "alerts": [{"status": "%s",
                   "labels": {"alertname": "NodeUnderVoltage", "severity": "critical", "node": "%s"},
                   "annotations": {"subject": "node/%s", "value": "327685",
                                   "summary": "Node %s is under-voltage now: check its power supply"},
                   "startsAt": "2026-01-01T00:00:00Z", "endsAt": "%s", "fingerprint": "abc"}]}
                """.formatted(status, status, node, node, node, endsAt);
    }

    private AlertPayload awaitAlert(String type, String rule, String subject) {
        ReceivedEvent event = probe.await(type, e -> rule.equals(e.data().alert().rule())
                && subject.equals(e.data().alert().subject()), Duration.ofSeconds(60));
        assertThat(EventSchemas.validate(event.value())).isEmpty();
        assertThat(event.header("ce_source")).isEqualTo("/rpi-k8s-platform/monitoring-service");
        assertThat(event.header("ce_subject")).isEqualTo(subject);
        return event.data().alert();
    }

    private List<ReceivedEvent> ofRule(String type, String subject) {
        return probe.ofType(type).stream().filter(e -> subject.equals(e.data().alert().subject())).toList();
    }
}
