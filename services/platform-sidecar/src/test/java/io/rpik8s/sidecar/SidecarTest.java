package io.rpik8s.sidecar;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The sidecar between a platform and an app (FakePlatform): the app's events reach its SSE clients and its callback
 * path; its reports reach the platform with the pod's current token and the app's trace context.
 */
@QuarkusTest
@WithTestResource(FakePlatform.class)
class SidecarTest {

    static final String READY = "{\"event\":\"deployment.ready\",\"timestamp\":\"2026-12-02T08:00:00Z\","
            + "\"deployment\":{\"name\":\"shop\",\"namespace\":\"default\",\"replicas\":2,\"image\":\"shop:1\"}}";

    @TestHTTPResource("/events")
    URI events;

    @TestHTTPResource("/")
    URI sidecar;

    @Test
    void theAppsEventsReachItsSseClientsAndItsCallbackPathInCloudEventsBinaryMode() throws Exception {
        List<String> lines = subscribe();
        await().atMost(Duration.ofSeconds(20)).until(() -> FakePlatform.openStreams() > 0);

        FakePlatform.emit("ce-1", "deployment.ready", READY);

        await().atMost(Duration.ofSeconds(20)).until(() -> block(lines, "id:ce-1") != null);
        assertThat(block(lines, "id:ce-1")).contains("event:deployment.ready", "data:" + READY);
        await().atMost(Duration.ofSeconds(20)).until(() -> FakePlatform.callbacks.stream()
                .anyMatch(c -> "ce-1".equals(c.header("ce-id"))));
        FakePlatform.Received callback = FakePlatform.callbacks.stream()
                .filter(c -> "ce-1".equals(c.header("ce-id"))).findFirst().orElseThrow();
        assertThat(callback.method()).isEqualTo("POST");
        assertThat(callback.header("ce-type")).isEqualTo("deployment.ready");
        assertThat(callback.header("ce-specversion")).isEqualTo("1.0");
        assertThat(callback.header("Content-Type")).startsWith("application/json");
        assertThat(callback.body()).isEqualTo(READY);
        // The platform's heartbeats are the sidecar's business, not the app's.
        assertThat(lines).doesNotContain("event:heartbeat");
        assertThat(FakePlatform.callbacks).noneMatch(c -> "heartbeat".equals(c.header("ce-type")));
    }

    @Test
    void aLostStreamIsOpenedAgainAndEventsFlowOn() throws Exception {
        List<String> lines = subscribe();
        await().atMost(Duration.ofSeconds(20)).until(() -> FakePlatform.openStreams() > 0);
        int before = FakePlatform.subscriptions.get();

        FakePlatform.endStreams();

        await().atMost(Duration.ofSeconds(20)).until(() -> FakePlatform.subscriptions.get() > before
                && FakePlatform.openStreams() > 0);
        FakePlatform.emit("ce-2", "alert.firing", "{\"event\":\"alert.firing\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> lines.contains("id:ce-2"));
    }

    @Test
    void reportsReachThePlatformWithThePodsCurrentTokenAndTheAppsTraceContext() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        given().contentType(ContentType.JSON).header("traceparent", traceparent)
                .body("{\"status\": \"degraded\", \"message\": \"payment provider slow\"}")
                .post("/health").then().statusCode(202).body("id", equalTo("evt-" + FakePlatform.received.size()));
        FakePlatform.Received health = FakePlatform.received.get(FakePlatform.received.size() - 1);
        assertThat(health.path()).isEqualTo(FakePlatform.BASE + "/health");
        assertThat(health.header("Authorization")).isEqualTo("Bearer pod-token-1");
        assertThat(health.header("traceparent")).isEqualTo(traceparent);
        assertThat(health.body()).isEqualTo("{\"status\": \"degraded\", \"message\": \"payment provider slow\"}");

        // The kubelet rotates the token: the next call carries the new one.
        FakePlatform.acceptedToken = "pod-token-2";
        FakePlatform.token("pod-token-2");
        given().contentType(ContentType.JSON).body("{\"type\": \"order.shipped\", \"data\": {\"order\": \"A-17\"}}")
                .post("/events").then().statusCode(202);
        FakePlatform.Received custom = FakePlatform.received.get(FakePlatform.received.size() - 1);
        assertThat(custom.path()).isEqualTo(FakePlatform.BASE + "/custom");
        assertThat(custom.header("Authorization")).isEqualTo("Bearer pod-token-2");

        // What the platform refuses, the app is told as the platform said it.
        FakePlatform.token("a-token-the-platform-does-not-accept");
        given().contentType(ContentType.JSON).body("{\"status\": \"healthy\"}").post("/health")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
        FakePlatform.token(FakePlatform.acceptedToken);
    }

    @Test
    void theGuidesAppSideCodeFollowsTheEventsAndReports() throws Exception {
        AppSide app = new AppSide(sidecar.toString().replaceAll("/$", ""));
        List<String> lines = new CopyOnWriteArrayList<>();
        app.follow(lines::add);
        await().atMost(Duration.ofSeconds(20)).until(() -> lines.contains(":keep-alive")
                && FakePlatform.openStreams() > 0);
        FakePlatform.emit("ce-3", "deployment.scaled", READY.replace("ready", "scaled"));
        await().atMost(Duration.ofSeconds(20)).until(() -> block(lines, "id:ce-3") != null);
        assertThat(block(lines, "id:ce-3")).contains("event:deployment.scaled");

        assertThat(app.reportHealth("healthy", "all good")).isEqualTo(202);
        assertThat(FakePlatform.received.get(FakePlatform.received.size() - 1).body())
                .isEqualTo("{\"status\": \"healthy\", \"message\": \"all good\"}");
        assertThat(app.publish("order.shipped", "{\"order\": \"A-17\"}")).isEqualTo(202);
        assertThat(FakePlatform.received.get(FakePlatform.received.size() - 1).path()).endsWith("/custom");
    }

    /** The complete event (its lines up to the blank one) that has {@code line}, or null while there is none. */
    private static List<String> block(List<String> lines, String line) {
        int at = lines.indexOf(line);
        if (at < 0) {
            return null;
        }
        int start = at;
        while (start > 0 && !lines.get(start - 1).isEmpty()) {
            start--;
        }
        int end = at;
        while (end < lines.size() && !lines.get(end).isEmpty()) {
            end++;
        }
        return end < lines.size() ? lines.subList(start, end) : null;
    }

    private List<String> subscribe() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<Stream<String>> answer = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(events)
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines())
                .get(20, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> {
            try {
                answer.body().forEach(lines::add);
            } catch (java.io.UncheckedIOException closed) {
                // the JVM ends the stream
            }
        }, "app-sse-reader");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains(":keep-alive"));
        return lines;
    }
}
