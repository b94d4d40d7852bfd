package io.rpik8s.monitoring;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesRegex;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import io.rpik8s.model.events.AlertPayload;
import io.rpik8s.model.events.EventSchemas;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.model.events.Topics;
import io.rpik8s.monitoring.support.FakePiExporter;
import io.rpik8s.monitoring.support.MonitoringTestResource;
import io.rpik8s.monitoring.support.TestCluster;
import io.rpik8s.testsupport.EventProbe;
import io.rpik8s.testsupport.PlatformTestResource;
import io.rpik8s.testsupport.ReceivedEvent;
import io.rpik8s.testsupport.TestTokens;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each alert rule fires and resolves exactly once, as alert.firing/alert.resolved CloudEvents on platform.alerts
 * that validate against the shared schemas, and is recorded in the history served by GET /alerts.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PlatformTestResource.class)
@WithTestResource(MonitoringTestResource.class)
class AlertRulesTest {

    @KubernetesTestServer
    KubernetesServer server;

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventProbe probe;
    private TestCluster cluster;
    private final FakePiExporter exporter = MonitoringTestResource.exporter();

    @BeforeEach
    void listen() {
        probe = EventProbe.on(Topics.ALERTS);
        cluster = new TestCluster(server.getClient());
    }

    @AfterEach
    void close() {
        probe.close();
    }

    @Test
    void temperatureAboveThresholdFiresOnceHoldsWithinHysteresisAndResolvesOnce() {
        cluster.node("pi-hot-1", true, true, "10.0.1.1");
        exporter.temperature("pi-hot-1", 60);
        exporter.temperature("pi-hot-1", 80.5);

        AlertPayload firing = awaitAlert(EventTypes.ALERT_FIRING, "NodeTemperatureHigh", "node/pi-hot-1");
        assertThat(firing.value()).isEqualTo(80.5);
        assertThat(firing.threshold()).isEqualTo(75.0);
        assertThat(firing.severity()).isEqualTo("warning");
        assertThat(firing.labels()).containsEntry("node", "pi-hot-1");

        // 73.5 °C is below the threshold but inside the 3 °C hysteresis band: the alert holds.
        exporter.temperature("pi-hot-1", 73.5);
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                .until(() -> ofRule(EventTypes.ALERT_RESOLVED, "NodeTemperatureHigh", "node/pi-hot-1").isEmpty());

        exporter.temperature("pi-hot-1", 55);
        AlertPayload resolved = awaitAlert(EventTypes.ALERT_RESOLVED, "NodeTemperatureHigh", "node/pi-hot-1");
        assertThat(resolved.fingerprint()).isEqualTo(firing.fingerprint());
        assertThat(resolved.endsAt()).isAfter(resolved.startsAt());
        assertExactlyOnce("NodeTemperatureHigh", "node/pi-hot-1");

        given().header("Authorization", TestTokens.bearer(TestTokens.viewer()))
                .queryParam("status", "resolved").get("/api/v1/alerts").then().statusCode(200)
                .body("find { it.fingerprint == '" + firing.fingerprint() + "' }.rule",
                        equalTo("NodeTemperatureHigh"))
                .body("find { it.fingerprint == '" + firing.fingerprint() + "' }.endsAt", notNullValue());
    }

    @Test
    void throttlingAndUnderVoltageNowFireAndResolveButSinceBootOnlyDoesNot() {
        cluster.node("pi-volt-1", true, true, "10.0.1.2");
        // Only "since boot" bits: nothing is wrong now.
        exporter.throttled("pi-volt-1", 0x50000);
        exporter.temperature("pi-volt-1", 50);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given()
                .header("Authorization", TestTokens.bearer(TestTokens.viewer()))
                .get("/api/v1/cluster/nodes/pi-volt-1").then().body("pi.throttling.raw", equalTo(0x50000)));

        exporter.throttled("pi-volt-1", 0x50005);
        AlertPayload voltage = awaitAlert(EventTypes.ALERT_FIRING, "NodeUnderVoltage", "node/pi-volt-1");
        awaitAlert(EventTypes.ALERT_FIRING, "NodeThrottled", "node/pi-volt-1");
        assertThat(voltage.severity()).isEqualTo("critical");

        exporter.throttled("pi-volt-1", 0x50000);
        awaitAlert(EventTypes.ALERT_RESOLVED, "NodeUnderVoltage", "node/pi-volt-1");
        awaitAlert(EventTypes.ALERT_RESOLVED, "NodeThrottled", "node/pi-volt-1");
        assertExactlyOnce("NodeUnderVoltage", "node/pi-volt-1");
        assertExactlyOnce("NodeThrottled", "node/pi-volt-1");
    }

    @Test
    void nodeNotReadyFiresOnlyAfterItsDurationAndPressuresFireAndResolve() {
        cluster.node("pi-down-1", false, true, "10.0.1.3", "MemoryPressure", "DiskPressure", "PIDPressure");
        long created = System.nanoTime();
        AlertPayload notReady = awaitAlert(EventTypes.ALERT_FIRING, "NodeNotReady", "node/pi-down-1");
        assertThat(Duration.ofNanos(System.nanoTime() - created)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(notReady.severity()).isEqualTo("critical");
        for (String rule : List.of("NodeMemoryPressure", "NodeDiskPressure", "NodePidPressure")) {
            awaitAlert(EventTypes.ALERT_FIRING, rule, "node/pi-down-1");
        }
        given().header("Authorization", TestTokens.bearer(TestTokens.viewer()))
                .queryParam("status", "firing").get("/api/v1/alerts").then().statusCode(200)
                .body("fingerprint", hasItem(notReady.fingerprint()));

        cluster.node("pi-down-1", true, true, "10.0.1.3");
        for (String rule : List.of("NodeNotReady", "NodeMemoryPressure", "NodeDiskPressure", "NodePidPressure")) {
            awaitAlert(EventTypes.ALERT_RESOLVED, rule, "node/pi-down-1");
            assertExactlyOnce(rule, "node/pi-down-1");
        }
    }

    @Test
    void rulesAreListedFromTheBuiltInEngineWithTheirState() {
        cluster.node("pi-list-1", false, true, "10.0.1.5");
        // NodeNotReady holds for node-not-ready-for (2 s here) before it fires: pending first, then firing.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given()
                .header("Authorization", TestTokens.bearer(TestTokens.viewer())).get("/api/v1/alerts/rules")
                .then().statusCode(200)
                .body("find { it.name == 'NodeNotReady' }.state", equalTo("firing"))
                .body("find { it.name == 'NodeNotReady' }.source", equalTo("built-in"))
                .body("find { it.name == 'NodeNotReady' }.severity", equalTo("critical"))
                .body("find { it.name == 'NodeNotReady' }.forSeconds", equalTo(2.0f))
                .body("find { it.name == 'NodeUnderVoltage' }.group", equalTo("raspberry-pi")));
        given().get("/api/v1/alerts/rules").then().statusCode(401);
        cluster.node("pi-list-1", true, true, "10.0.1.5");
        awaitAlert(EventTypes.ALERT_RESOLVED, "NodeNotReady", "node/pi-list-1");
    }

    @Test
    void platformServiceProbesArePublishedForPrometheusRules() {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().accept("text/plain").get("/q/metrics")
                .then().statusCode(200)
                // The text format may end a label set with a comma.
                .body(matchesRegex("(?s).*\\nplatform_service_up\\{target=\"closed-tcp\",?} 0\\.0\\n.*"))
                .body(matchesRegex("(?s).*\\nplatform_service_up\\{target=\"live-http\",?} 1\\.0\\n.*")));
    }

    @Test
    void crashLoopingPodFiresAndResolvesWhenItRunsAgain() {
        cluster.node("pi-crash-1", true, true, "10.0.1.4");
        cluster.pod("crash", "worker-1", "pi-crash-1", "CrashLoopBackOff", 7);
        AlertPayload firing = awaitAlert(EventTypes.ALERT_FIRING, "PodCrashLooping", "pod/crash/worker-1");
        assertThat(firing.value()).isEqualTo(7.0);
        assertThat(firing.labels()).containsEntry("namespace", "crash");

        cluster.pod("crash", "worker-1", "pi-crash-1", null, 7);
        awaitAlert(EventTypes.ALERT_RESOLVED, "PodCrashLooping", "pod/crash/worker-1");
        assertExactlyOnce("PodCrashLooping", "pod/crash/worker-1");
    }

    @Test
    void platformServiceOnAClosedPortIsDownAndResolvesOnceWhenItComesBack() throws IOException {
        // The probe target on a closed port fired when the app started: it is in the history, once.
        // Polled with Java's client and Jackson, not RestAssured's GPath: each GPath check compiles a Groovy script,
        // and this is often the class's first HTTP call, so the first poll would otherwise also pay Groovy's cold
        // start (metaclasses, parser), which on a loaded machine took longer than the whole wait.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(firingAlerts())
                .filteredOn(a -> "service/closed-tcp".equals(a.path("subject").asText())).singleElement()
                .satisfies(a -> {
                    assertThat(a.path("rule").asText()).isEqualTo("PlatformServiceDown");
                    assertThat(a.path("severity").asText()).isEqualTo("critical");
                }));
        given().header("Authorization", TestTokens.bearer(TestTokens.viewer()))
                .get("/api/v1/alerts").then().statusCode(200)
                .body("findAll { it.subject == 'service/live-http' }.size()", equalTo(0));

        // The service comes back on its port: the alert resolves, exactly once, and does not fire again.
        try (LoopbackService back = new LoopbackService(MonitoringTestResource.closedPort())) {
            AlertPayload resolved = awaitAlert(EventTypes.ALERT_RESOLVED, "PlatformServiceDown", "service/closed-tcp");
            assertThat(resolved.endsAt()).isAfter(resolved.startsAt());
            // A firing that started before the resolution is the one from the app's start, which this probe may
            // still see when the outbox relays it late (this test running first); only a later one would be a refire.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
                    ofRule(EventTypes.ALERT_RESOLVED, "PlatformServiceDown", "service/closed-tcp").size() == 1
                            && ofRule(EventTypes.ALERT_FIRING, "PlatformServiceDown", "service/closed-tcp").stream()
                            .noneMatch(e -> !e.data().alert().startsAt().isBefore(resolved.endsAt())));
            given().header("Authorization", TestTokens.bearer(TestTokens.viewer()))
                    .queryParam("status", "firing").get("/api/v1/alerts").then().statusCode(200)
                    .body("findAll { it.subject == 'service/closed-tcp' }.size()", equalTo(0));
            given().header("Authorization", TestTokens.bearer(TestTokens.viewer()))
                    .get("/api/v1/services/health").then().statusCode(200)
                    .body("find { it.name == 'closed-tcp' }.up", equalTo(true));
        }
    }

    /** A TCP server on a loopback port that accepts and closes connections, standing in for a service coming back. */
    private static final class LoopbackService implements AutoCloseable {
        private final ServerSocket socket;

        LoopbackService(int port) throws IOException {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket ignored = socket.accept()) {
                        // The probe only needs the connection to open.
                    } catch (IOException e) {
                        // Closed at the end of the test.
                    }
                }
            }, "loopback-service");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** GET /api/v1/alerts?status=firing as a viewer, without Groovy (see its use). */
    private static List<JsonNode> firingAlerts() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":"
                        + RestAssured.port + "/api/v1/alerts?status=firing"))
                .header("Authorization", TestTokens.bearer(TestTokens.viewer())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> alerts = new ArrayList<>();
        JSON.readTree(response.body()).forEach(alerts::add);
        return alerts;
    }

    private AlertPayload awaitAlert(String type, String rule, String subject) {
        ReceivedEvent event = probe.await(type, e -> rule.equals(e.data().alert().rule())
                && subject.equals(e.data().alert().subject()), Duration.ofSeconds(30));
        assertThat(EventSchemas.validate(event.value())).isEmpty();
        assertThat(event.header("ce_source")).isEqualTo("/rpi-k8s-platform/monitoring-service");
        assertThat(event.header("ce_subject")).isEqualTo(subject);
        assertThat(event.key()).isEqualTo(subject);
        return event.data().alert();
    }

    private List<ReceivedEvent> ofRule(String type, String rule, String subject) {
        return probe.ofType(type).stream().filter(e -> rule.equals(e.data().alert().rule())
                && subject.equals(e.data().alert().subject())).toList();
    }

    /** Waits a little past the resolution, then checks no duplicate firing or resolution appeared. */
    private void assertExactlyOnce(String rule, String subject) {
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() ->
                ofRule(EventTypes.ALERT_FIRING, rule, subject).size() == 1
                        && ofRule(EventTypes.ALERT_RESOLVED, rule, subject).size() == 1);
    }
}
