package io.rpik8s.monitoring;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.specification.RequestSpecification;
import io.rpik8s.commons.messaging.PlatformEventPublisher;
import io.rpik8s.model.events.DeploymentPayload;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.model.events.PlatformEvent;
import io.rpik8s.monitoring.support.MonitoringTestResource;
import io.rpik8s.monitoring.support.TestCluster;
import io.rpik8s.testsupport.PlatformTestResource;
import io.rpik8s.testsupport.TestTokens;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The rollout timeline fed by Kafka, the SSE stream, the platform-service probes and the PromQL proxy. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PlatformTestResource.class)
@WithTestResource(MonitoringTestResource.class)
class LiveAndProxyTest {

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    PlatformEventPublisher publisher;

    @Inject
    Tracer tracer;

    @TestHTTPResource("/api/v1/stream")
    URI streamUri;

    private static RequestSpecification viewer() {
        return given().header("Authorization", TestTokens.bearer(TestTokens.viewer()));
    }

    @Test
    void deploymentEventFromAnotherServiceLandsInTheTimelineWithItsCloudEventsIdAndTraceId() {
        EventEnvelope created = EventEnvelope.of("deployment-service", PlatformEvent.deployment(
                EventTypes.DEPLOYMENT_CREATED, DeploymentPayload.of("web", "shop", 2, "nginx:1.27"), "alice"));
        EventEnvelope ready = EventEnvelope.of("deployment-service", PlatformEvent.deployment(
                EventTypes.DEPLOYMENT_READY, DeploymentPayload.of("web", "shop", 2, "nginx:1.27"), null));
        // Exactly as deployment-service publishes: inside the span of the change.
        Span span = tracer.spanBuilder("DeploymentService.create").startSpan();
        String traceId = span.getSpanContext().getTraceId();
        try (Scope scope = span.makeCurrent()) {
            publisher.publish(created).await().atMost(Duration.ofSeconds(20));
            publisher.publish(ready).await().atMost(Duration.ofSeconds(20));
            // A redelivery of the same event (same ce id) must not duplicate the entry.
            publisher.publish(created).await().atMost(Duration.ofSeconds(20));
        } finally {
            span.end();
        }
        assertThat(span.getSpanContext().isValid()).isTrue();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> viewer()
                .get("/api/v1/deployments/shop/web/timeline").then().statusCode(200)
                .body("size()", equalTo(2))
                .body("[0].id", equalTo(created.id()))
                .body("[0].type", equalTo("deployment.created"))
                .body("[0].source", equalTo("/rpi-k8s-platform/deployment-service"))
                .body("[0].traceId", equalTo(traceId))
                .body("[0].data.deployment.image", equalTo("nginx:1.27"))
                .body("[0].data.actor", equalTo("alice"))
                .body("[1].id", equalTo(ready.id()))
                .body("[1].type", equalTo("deployment.ready")));
        // An app with no recorded event is unknown, as at deployment-service; a name that cannot exist is refused.
        viewer().get("/api/v1/deployments/shop/nothing/timeline").then().statusCode(404)
                .contentType("application/problem+json");
        viewer().get("/api/v1/deployments/kube-system/coredns/timeline").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", org.hamcrest.Matchers.hasItem("namespace"));
        viewer().get("/api/v1/deployments/shop/No_Such/timeline").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("name"));
    }

    @Test
    void streamPushesNodePodDeploymentAndAlertChanges() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(streamUri).header("Accept", "text/event-stream")
                .header("Authorization", TestTokens.bearer(TestTokens.viewer())).build();
        var response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> answer = response.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        Thread reader = new Thread(() -> {
            try {
                answer.body().forEach(lines::add);
            } catch (java.io.UncheckedIOException closedByTheTest) {
                // The test closes the stream when it is done.
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> lines.contains("event:heartbeat"));

        // How fast changes arrive is measured by deploy/bench/stream-latency (docs/benchmarks.md), not asserted here.
        new TestCluster(server.getClient()).node("pi-stream-1", true, true, "10.0.2.1");
        await().atMost(Duration.ofSeconds(10)).until(() -> dataAfter(lines, "event:node").stream()
                .anyMatch(d -> d.contains("\"name\":\"pi-stream-1\"") && d.contains("\"simulated\":true")));
        new TestCluster(server.getClient()).pod("stream", "api-1", "pi-stream-1", null, 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> dataAfter(lines, "event:pod").stream()
                .anyMatch(d -> d.contains("\"name\":\"api-1\"")));
        publisher.publish(EventEnvelope.of("deployment-service", PlatformEvent.deployment(
                EventTypes.DEPLOYMENT_SCALED, DeploymentPayload.of("api", "stream", 3, "api:1"), "bob")))
                .await().atMost(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(5)).until(() -> dataAfter(lines, "event:deployment").stream()
                .anyMatch(d -> d.contains("deployment.scaled") && d.contains("\"namespace\":\"stream\"")));
        MonitoringTestResource.exporter().temperature("pi-stream-1", 90);
        await().atMost(Duration.ofSeconds(15)).until(() -> dataAfter(lines, "event:alert").stream()
                .anyMatch(d -> d.contains("\"action\":\"firing\"") && d.contains("node/pi-stream-1")));
        answer.body().close();

        given().get("/api/v1/stream").then().statusCode(401);
    }

    @Test
    void servicesHealthReportsUpDownLatencyAndLastError() {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> viewer().get("/api/v1/services/health")
                .then().statusCode(200)
                .body("find { it.name == 'live-http' }.up", equalTo(true))
                .body("find { it.name == 'live-http' }.protocol", equalTo("http"))
                .body("find { it.name == 'live-http' }.latencyMs", greaterThanOrEqualTo(0))
                .body("find { it.name == 'live-http' }.checkedAt", notNullValue())
                .body("find { it.name == 'live-postgres' }.up", equalTo(true))
                .body("find { it.name == 'closed-tcp' }.up", equalTo(false))
                .body("find { it.name == 'closed-tcp' }.address",
                        equalTo("127.0.0.1:" + MonitoringTestResource.closedPort()))
                .body("find { it.name == 'closed-tcp' }.lastError", containsString("refused"))
                .body("find { it.name == 'closed-tcp' }.lastErrorAt", notNullValue()));
    }

    @Test
    void promqlProxyAnswersReadQueriesAndRejectsBadOnesWithPrometheusMessage() {
        // The real node exporter is scraped next to the fake Pi exporter.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> viewer()
                .queryParam("query", "up{job=\"target1\"}").get("/api/v1/metrics/query").then().statusCode(200)
                .body("status", equalTo("success"))
                .body("data.resultType", equalTo("vector"))
                .body("data.result[0].value[1]", equalTo("1")));
        long now = System.currentTimeMillis() / 1000;
        viewer().queryParam("query", "sum(up)").queryParam("start", now - 60).queryParam("end", now)
                .queryParam("step", "5s").get("/api/v1/metrics/query_range").then().statusCode(200)
                .body("data.resultType", equalTo("matrix"));

        viewer().queryParam("query", "sum(rate(my_service_requests_total[5m]").get("/api/v1/metrics/query")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("query"))
                .body("detail", containsString("parse error"));
        viewer().get("/api/v1/metrics/query").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(containsString("query")));
        viewer().queryParam("query", "up; drop").get("/api/v1/metrics/query").then().statusCode(400)
                .body("errors.field", hasItem(containsString("query")));
        viewer().queryParam("query", "up").queryParam("start", "yesterday").queryParam("end", "1")
                .queryParam("step", "15s").get("/api/v1/metrics/query_range").then().statusCode(400)
                .body("errors.field", hasItem(containsString("start")));
        given().queryParam("query", "up").get("/api/v1/metrics/query").then().statusCode(401);
    }

    private static List<String> dataAfter(List<String> lines, String eventLine) {
        List<String> out = new java.util.ArrayList<>();
        List<String> copy = List.copyOf(lines);
        for (int i = 0; i < copy.size() - 1; i++) {
            if (copy.get(i).equals(eventLine)) {
                for (int j = i + 1; j < copy.size() && !copy.get(j).isEmpty(); j++) {
                    if (copy.get(j).startsWith("data:")) {
                        out.add(copy.get(j));
                    }
                }
            }
        }
        return out;
    }
}
