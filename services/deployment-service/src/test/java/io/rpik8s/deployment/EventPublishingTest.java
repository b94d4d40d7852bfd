package io.rpik8s.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.rpik8s.commons.messaging.PlatformEventPublisher;
import io.rpik8s.model.events.DeploymentPayload;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.EventSchemas;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.model.events.PlatformEvent;
import io.rpik8s.model.events.Topics;
import io.rpik8s.testsupport.EventProbe;
import io.rpik8s.testsupport.PlatformTestResource;
import io.rpik8s.testsupport.ReceivedEvent;
import io.rpik8s.testsupport.TestTokens;
import jakarta.inject.Inject;
import java.util.Map;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PlatformTestResource.class)
class EventPublishingTest {

    @Inject
    PlatformEventPublisher publisher;

    @Inject
    Tracer tracer;

    @Test
    void anApiChangeAndTheEventTheOutboxRelaysLaterShareOneTrace() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        try (EventProbe probe = EventProbe.on(Topics.DEPLOYMENTS)) {
            given().header("Authorization", TestTokens.bearer(TestTokens.operator()))
                    .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                    .contentType("application/json")
                    .body(Map.of("name", "traced", "namespace", "team-b", "image", "nginx:1.27", "replicas", 1,
                            "createNamespace", true))
                    .post("/api/v1/deployments").then().statusCode(201);

            ReceivedEvent created = probe.await(EventTypes.DEPLOYMENT_CREATED,
                    e -> "team-b/traced".equals(e.header("ce_subject")));
            assertThat(created.header("traceparent"))
                    .as("the record relayed from the outbox continues the trace of the request that made the change")
                    .startsWith("00-" + traceId + "-");
        }
    }

    @Test
    void eventsTravelAsBinaryCloudEventsWithTheTraceOfTheirCause() {
        try (EventProbe probe = EventProbe.on(Topics.DEPLOYMENTS)) {
            EventEnvelope envelope = EventEnvelope.of("deployment-service", PlatformEvent.deployment(
                    EventTypes.DEPLOYMENT_CREATED, DeploymentPayload.of("my-app", "default", 3,
                            "my-registry/my-app:v1.0.0"), "test-admin"));
            Span span = tracer.spanBuilder("test-change").startSpan();
            try (Scope ignored = span.makeCurrent()) {
                publisher.publish(envelope).await().atMost(Duration.ofSeconds(20));
            } finally {
                span.end();
            }

            ReceivedEvent received = probe.await(EventTypes.DEPLOYMENT_CREATED,
                    e -> envelope.id().equals(e.header("ce_id")));
            assertThat(received.header("ce_specversion")).isEqualTo("1.0");
            assertThat(received.header("ce_type")).isEqualTo("deployment.created");
            assertThat(received.header("ce_source")).isEqualTo("/rpi-k8s-platform/deployment-service");
            assertThat(received.header("ce_subject")).isEqualTo("default/my-app");
            assertThat(received.header("ce_time")).isNotBlank();
            assertThat(received.key()).isEqualTo("default/my-app");
            assertThat(received.header("traceparent"))
                    .as("the record carries the trace of the change")
                    .contains(span.getSpanContext().getTraceId());
            assertThat(EventSchemas.validate(received.value())).isEmpty();
            assertThat(received.data().deployment().image()).isEqualTo("my-registry/my-app:v1.0.0");
        }
    }
}
