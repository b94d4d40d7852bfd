package io.rpik8s.webhook;

import static io.rpik8s.webhook.WebhookApi.admin;
import static io.rpik8s.webhook.WebhookApi.freshNamespace;
import static io.rpik8s.webhook.WebhookApi.register;
import static io.rpik8s.webhook.WebhookApi.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.path.json.JsonPath;
import io.rpik8s.commons.messaging.PlatformEventPublisher;
import io.rpik8s.model.events.AlertPayload;
import io.rpik8s.model.events.AppPayload;
import io.rpik8s.model.events.DeploymentPayload;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.EventSchemas;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.model.events.PlatformEvent;
import io.rpik8s.model.events.Topics;
import io.rpik8s.testsupport.EventProbe;
import io.rpik8s.testsupport.PlatformTestResource;
import io.rpik8s.testsupport.ReceivedEvent;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Delivery end to end: Kafka in, signed HTTP out to real receivers on loopback, retries, disabling, rotation. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PlatformTestResource.class)
class WebhookDeliveryTest {

    @Inject
    PlatformEventPublisher publisher;

    @Inject
    io.rpik8s.webhook.log.DeliveryLog deliveryLog;

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    EventEnvelope publishDeployment(String type, String namespace, String name) {
        EventEnvelope e = EventEnvelope.of("deployment-service",
                PlatformEvent.deployment(type, DeploymentPayload.of(name, namespace, 2, "registry/app:1"), "alice"));
        publisher.publish(e).await().atMost(Duration.ofSeconds(20));
        return e;
    }

    static Map<String, Object> endpoint(TestReceiver r, String namespace, Object... extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("url", r.url(), "namespacesInclude",
                List.of(namespace)));
        for (int i = 0; i < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        return body;
    }

    @Test
    void aSlowReceiverHoldsBackOnlyItsOwnDeliveries() {
        String ns = freshNamespace();
        try (TestReceiver slow = new TestReceiver().answeringAfter(Duration.ofMillis(2500));
                TestReceiver fast = new TestReceiver()) {
            register(endpoint(slow, ns));
            register(endpoint(fast, ns));
            for (int i = 0; i < 30; i++) {
                publishDeployment(EventTypes.DEPLOYMENT_SCALED, ns, "app-" + i);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> fast.received().size() >= 30);
            // The slow receiver answers 4 requests per 2.5 s. Had the fast endpoint's deliveries waited in batches
            // with the slow one's (as they once did), it would have taken 20 of them by now.
            assertThat(slow.received().size()).isLessThan(20);
            assertThat(fast.received()).hasSize(30);
        }
    }

    @Test
    void deletingAnEndpointDuringItsAttemptsLosesNoOutcomeOfTheOtherEndpoints() {
        String ns = freshNamespace();
        // Both answer after the same delay, so the outcomes of both endpoints finish together and are written in
        // the same statements; the deleted endpoint's deliveries are gone by then.
        try (TestReceiver doomed = new TestReceiver().answeringAfter(Duration.ofMillis(1500));
                TestReceiver kept = new TestReceiver().answeringAfter(Duration.ofMillis(1500))) {
            String doomedId = register(endpoint(doomed, ns)).getString("id");
            String keptId = register(endpoint(kept, ns)).getString("id");
            for (int i = 0; i < 8; i++) {
                publishDeployment(EventTypes.DEPLOYMENT_SCALED, ns, "app-" + i);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> doomed.received().size() >= 4);
            admin().delete("/api/v1/webhooks/endpoints/" + doomedId).then().statusCode(204);

            // Every delivery of the endpoint kept succeeded, with its attempt recorded.
            await().atMost(Duration.ofSeconds(20)).until(() -> pool.preparedQuery("""
                    SELECT (SELECT count(*) FROM delivery WHERE endpoint_id = $1 AND status = 'succeeded')
                         + (SELECT count(*) FROM attempt WHERE endpoint_id = $1 AND status_code = 200)""")
                    .execute(io.vertx.mutiny.sqlclient.Tuple.of(keptId)).await().atMost(Duration.ofSeconds(5))
                    .iterator().next().getLong(0) == 16);
            // An outcome lost with the deleted endpoint's would have left its delivery leased, and sent again when
            // the lease (3 s here) ran out.
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                    .until(() -> kept.received().size() == 8);
        }
    }

    @Test
    void anAppsOwnReportsFromItsSidecarFollowTheNamespaceFilterLikeEveryOtherEvent() {
        String ns = freshNamespace();
        try (TestReceiver team = new TestReceiver()) {
            register(endpoint(team, ns, "filterTypes", List.of("app.*")));
            publisher.publish(EventEnvelope.of("monitoring-service", PlatformEvent.app(EventTypes.APP_HEALTH_REPORTED,
                    AppPayload.health("shop", "elsewhere-" + ns, "shop-1", "unhealthy", "db down"), "sidecar")))
                    .await().atMost(Duration.ofSeconds(20));
            publisher.publish(EventEnvelope.of("monitoring-service", PlatformEvent.app(EventTypes.APP_HEALTH_REPORTED,
                    AppPayload.health("shop", ns, "shop-1", "unhealthy", "db down"), "sidecar")))
                    .await().atMost(Duration.ofSeconds(20));
            await().atMost(Duration.ofSeconds(20)).until(() -> team.received().size() >= 1);
            assertThat(team.received()).allSatisfy(got -> {
                JsonPath body = JsonPath.from(got.body());
                assertThat(body.getString("event")).isEqualTo(EventTypes.APP_HEALTH_REPORTED);
                assertThat(body.getString("app.namespace")).as("only the team's namespace").isEqualTo(ns);
                assertThat(EventSchemas.validate(got.body())).isEmpty();
            });
        }
    }

    @Test
    void eventIsDeliveredSignedWithStandardWebhooksHeadersAndTheOriginalPayload() throws Exception {
        String ns = freshNamespace();
        try (TestReceiver receiver = new TestReceiver(); TestReceiver alertsOnly = new TestReceiver();
                TestReceiver excluded = new TestReceiver()) {
            JsonPath ep = register(endpoint(receiver, ns, "filterTypes", List.of("deployment.*"),
                    "headers", Map.of("X-Team", "ml")));
            register(endpoint(alertsOnly, ns, "filterTypes", List.of("alert.*")));
            register(Map.of("url", excluded.url(), "namespacesExclude", List.of(ns)));
            String secret = ep.getString("secret");

            EventEnvelope event = publishDeployment(EventTypes.DEPLOYMENT_CREATED, ns, "web");

            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 1);
            TestReceiver.Received got = receiver.received().get(0);
            assertThat(got.header("webhook-id")).isEqualTo("msg_" + event.id());
            assertThat(Long.parseLong(got.header("webhook-timestamp")))
                    .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(30L));
            assertThat(IndependentVerifier.matchingV1(secret, got.header("webhook-id"),
                    got.header("webhook-timestamp"), got.body(), got.header("webhook-signature"))).isEqualTo(1);
            assertThat(IndependentVerifier.matchingV1(secret, got.header("webhook-id"),
                    got.header("webhook-timestamp"), got.body() + " ", got.header("webhook-signature"))).isZero();
            assertThat(got.header("content-type")).startsWith("application/json");
            assertThat(got.header("x-team")).isEqualTo("ml");
            assertThat(got.header("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
            JsonPath body = JsonPath.from(got.body());
            assertThat(body.getString("event")).isEqualTo("deployment.created");
            assertThat(body.getString("deployment.namespace")).isEqualTo(ns);
            assertThat(body.getString("timestamp")).isNotBlank();
            assertThat(EventSchemas.validate(got.body())).isEmpty();

            // Filters: the alert-only endpoint and the one excluding the namespace get nothing.
            publishDeployment(EventTypes.DEPLOYMENT_SCALED, ns, "web");
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 2);
            assertThat(alertsOnly.received()).isEmpty();
            assertThat(excluded.received().stream().filter(r -> r.body().contains(ns))).isEmpty();

            viewer().get("/api/v1/webhooks/messages/msg_" + event.id()).then().statusCode(200)
                    .body("deliveries.find { it.endpointId == '" + ep.getString("id") + "' }.status",
                            equalTo("succeeded"))
                    .body("attempts.find { it.endpointId == '" + ep.getString("id") + "' }.statusCode",
                            equalTo(200))
                    .body("attempts.find { it.endpointId == '" + ep.getString("id") + "' }.responseExcerpt",
                            equalTo("status 200"));
        }
    }

    @Test
    void failedAttemptsAreRetriedOnTheScheduleWithTheSameWebhookId() {
        String ns = freshNamespace();
        try (TestReceiver receiver = new TestReceiver().then(500).then(502)) {
            String id = register(endpoint(receiver, ns)).getString("id");
            publishDeployment(EventTypes.DEPLOYMENT_UPDATED, ns, "api");

            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 3);
            List<TestReceiver.Received> got = receiver.received();
            assertThat(got).extracting(r -> r.header("webhook-id")).containsOnly(got.get(0).header("webhook-id"));
            assertThat(got).extracting(TestReceiver.Received::body).containsOnly(got.get(0).body());
            // %test schedule 1s,2s,4s with 10 % jitter
            assertThat(Duration.between(got.get(0).at(), got.get(1).at())).isBetween(Duration.ofMillis(850),
                    Duration.ofMillis(2000));
            assertThat(Duration.between(got.get(1).at(), got.get(2).at())).isBetween(Duration.ofMillis(1750),
                    Duration.ofMillis(3500));

            viewer().queryParam("endpointId", id).get("/api/v1/webhooks/attempts").then().statusCode(200)
                    .body("total", equalTo(3))
                    .body("items.statusCode", org.hamcrest.Matchers.contains(200, 502, 500))
                    .body("items.outcome", org.hamcrest.Matchers.contains("succeeded", "retrying", "retrying"));
            viewer().queryParam("endpointId", id).queryParam("status", "succeeded").get("/api/v1/webhooks/messages")
                    .then().statusCode(200).body("total", equalTo(1));
        }
    }

    @Test
    void redirectsAreNotFollowedAndCountAsFailures() {
        String ns = freshNamespace();
        try (TestReceiver target = new TestReceiver(); TestReceiver receiver = new TestReceiver()) {
            receiver.then(302, Map.of("Location", target.url()));
            String id = register(endpoint(receiver, ns)).getString("id");
            publishDeployment(EventTypes.DEPLOYMENT_CREATED, ns, "r");
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 2);
            assertThat(target.received()).isEmpty();
            viewer().queryParam("endpointId", id).get("/api/v1/webhooks/attempts").then()
                    .body("items.statusCode", org.hamcrest.Matchers.contains(200, 302))
                    .body("items.outcome", org.hamcrest.Matchers.contains("succeeded", "retrying"));
        }
    }

    @Test
    void retentionPurgeDeletesOnlyFinishedMessagesOlderThanTheRetention() {
        String ns = freshNamespace();
        try (TestReceiver receiver = new TestReceiver()) {
            register(endpoint(receiver, ns));
            EventEnvelope e = publishDeployment(EventTypes.DEPLOYMENT_CREATED, ns, "p");
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 1);
            // The legacy static endpoint (every event, an address the SSRF guard refuses) fails at once.
            await().atMost(Duration.ofSeconds(30)).until(() -> WebhookApi.message("msg_" + e.id())
                    .getList("deliveries.status").stream().noneMatch("pending"::equals));
            deliveryLog.purge(Duration.ofDays(1)).await().indefinitely();
            viewer().get("/api/v1/webhooks/messages/msg_" + e.id()).then().statusCode(200);
            deliveryLog.purge(Duration.ZERO).await().indefinitely();
            viewer().get("/api/v1/webhooks/messages/msg_" + e.id()).then().statusCode(404);
        }
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() {
        String ns = freshNamespace();
        try (TestReceiver receiver = new TestReceiver().then(429, Map.of("Retry-After", "3"))) {
            register(endpoint(receiver, ns));
            publishDeployment(EventTypes.DEPLOYMENT_RESTARTED, ns, "api");
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 2);
            // The schedule alone would retry after about 1 s.
            assertThat(Duration.between(receiver.received().get(0).at(), receiver.received().get(1).at()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(2900));
        }
    }

    @Test
    void goneDisablesTheEndpointAndEmitsEndpointDisabled() {
        String ns = freshNamespace();
        try (TestReceiver receiver = new TestReceiver().otherwise(410); EventProbe probe = EventProbe.on(
                Topics.WEBHOOKS)) {
            String id = register(endpoint(receiver, ns)).getString("id");
            publishDeployment(EventTypes.DEPLOYMENT_DELETED, ns, "old");

            ReceivedEvent disabled = probe.await(EventTypes.WEBHOOK_ENDPOINT_DISABLED,
                    e -> id.equals(e.data().endpoint().id()));
            assertThat(disabled.data().endpoint().reason()).isEqualTo("gone");
            assertThat(disabled.data().endpoint().url()).isEqualTo(receiver.url());
            assertThat(EventSchemas.validate(disabled.value())).isEmpty();
            viewer().get("/api/v1/webhooks/endpoints/" + id).then().statusCode(200)
                    .body("enabled", equalTo(false)).body("disabledReason", equalTo("gone"));
            assertThat(receiver.received()).hasSize(1);
        }
    }

    @Test
    void endpointFailingLongerThanConfiguredIsDisabled() {
        String ns = freshNamespace();
        try (TestReceiver receiver = new TestReceiver().otherwise(500); EventProbe probe = EventProbe.on(
                Topics.WEBHOOKS)) {
            String id = register(endpoint(receiver, ns, "retrySchedule", "1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s"))
                    .getString("id");
            publishDeployment(EventTypes.DEPLOYMENT_FAILED, ns, "broken");

            // %test disable-after is 6 s
            ReceivedEvent disabled = probe.await(EventTypes.WEBHOOK_ENDPOINT_DISABLED,
                    e -> id.equals(e.data().endpoint().id()), Duration.ofSeconds(30));
            assertThat(disabled.data().endpoint().reason()).isEqualTo("failing");
            assertThat(disabled.data().endpoint().failingSince()).isNotNull();
            assertThat(EventSchemas.validate(disabled.value())).isEmpty();
            int attempts = receiver.received().size();
            assertThat(attempts).isGreaterThanOrEqualTo(4);
            viewer().get("/api/v1/webhooks/endpoints/" + id).then().body("enabled", equalTo(false));
        }
    }

    @Test
    void rotationSignsWithBothSecretsDuringTheOverlap() {
        String ns = freshNamespace();
        try (TestReceiver receiver = new TestReceiver()) {
            JsonPath ep = register(endpoint(receiver, ns, "ed25519", true));
            String id = ep.getString("id");
            String oldSecret = ep.getString("secret");
            String publicKey = ep.getString("ed25519PublicKey");
            String newSecret = admin().body(Map.of("overlapSeconds", 3600))
                    .post("/api/v1/webhooks/endpoints/" + id + "/rotate-secret").then().statusCode(200)
                    .body("rotating", equalTo(true)).extract().path("secret");
            assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);

            publishDeployment(EventTypes.DEPLOYMENT_READY, ns, "web");
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 1);
            TestReceiver.Received got = receiver.received().get(0);
            String sigs = got.header("webhook-signature");
            assertThat(IndependentVerifier.parts(sigs, "v1")).hasSize(2);
            assertThat(IndependentVerifier.matchingV1(newSecret, got.header("webhook-id"),
                    got.header("webhook-timestamp"), got.body(), sigs)).isEqualTo(1);
            assertThat(IndependentVerifier.matchingV1(oldSecret, got.header("webhook-id"),
                    got.header("webhook-timestamp"), got.body(), sigs)).isEqualTo(1);
            assertThat(IndependentVerifier.ed25519(publicKey, got.header("webhook-id"),
                    got.header("webhook-timestamp"), got.body(), sigs)).isTrue();

            // Overlap 0: the old secret stops signing at once.
            admin().body(Map.of("overlapSeconds", 0)).post("/api/v1/webhooks/endpoints/" + id + "/rotate-secret")
                    .then().statusCode(200).body("rotating", equalTo(false));
            publishDeployment(EventTypes.DEPLOYMENT_READY, ns, "web");
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 2);
            assertThat(IndependentVerifier.parts(receiver.received().get(1).header("webhook-signature"), "v1"))
                    .hasSize(1);
        }
    }

    @Test
    void failedMessagesCanBeReplayedOneByOneOrAllSinceATime() {
        String ns = freshNamespace();
        Instant start = Instant.now().minusSeconds(1);
        try (TestReceiver receiver = new TestReceiver().otherwise(500)) {
            String id = register(endpoint(receiver, ns, "retrySchedule", "1s")).getString("id");
            EventEnvelope first = publishDeployment(EventTypes.DEPLOYMENT_CREATED, ns, "a");
            EventEnvelope second = publishDeployment(EventTypes.DEPLOYMENT_CREATED, ns, "b");
            await().atMost(Duration.ofSeconds(20)).until(() -> viewer().queryParam("endpointId", id)
                    .queryParam("status", "failed").get("/api/v1/webhooks/messages").then().extract()
                    .<Integer>path("total") == 2);
            assertThat(receiver.received()).hasSize(4);

            receiver.otherwise(200);
            admin().queryParam("endpointId", id).post("/api/v1/webhooks/messages/msg_" + first.id() + "/replay")
                    .then().statusCode(202)
                    .body("replayed", equalTo(1));
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 5);
            assertThat(receiver.received().get(4).header("webhook-id")).isEqualTo("msg_" + first.id());

            admin().body(Map.of("since", start.toString(), "endpointId", id))
                    .post("/api/v1/webhooks/replay-failed").then().statusCode(202).body("replayed", equalTo(1));
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 6);
            assertThat(receiver.received().get(5).header("webhook-id")).isEqualTo("msg_" + second.id());
            viewer().queryParam("endpointId", id).queryParam("status", "succeeded").get("/api/v1/webhooks/messages")
                    .then().body("total", equalTo(2));
            admin().post("/api/v1/webhooks/messages/msg_nope/replay").then().statusCode(404);
        }
    }

    @Test
    void perEndpointRateLimitSpreadsDeliveries() {
        String ns = freshNamespace();
        try (TestReceiver receiver = new TestReceiver()) {
            register(endpoint(receiver, ns, "rateLimitPerSecond", 2));
            for (int i = 0; i < 6; i++) {
                publishDeployment(EventTypes.DEPLOYMENT_SCALED, ns, "app" + i);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 6);
            List<TestReceiver.Received> got = receiver.received();
            // A bucket of 2 tokens refilled at 2/s: 6 deliveries need at least about 2 s.
            assertThat(Duration.between(got.get(0).at(), got.get(5).at())).isGreaterThan(Duration.ofMillis(1500));
        }
    }

    @Test
    void alertsAreFilteredByTheirNamespaceLabel() {
        String ns = freshNamespace();
        try (TestReceiver receiver = new TestReceiver()) {
            register(endpoint(receiver, ns, "filterTypes", List.of("alert.firing")));
            EventEnvelope alert = EventEnvelope.of("monitoring-service", PlatformEvent.alert(EventTypes.ALERT_FIRING,
                    new AlertPayload("fp1", "HighCpu", "warning", "firing", ns + "/web", 0.95, 0.8, "CPU high",
                            Map.of("namespace", ns), Instant.now(), null)));
            publisher.publish(alert).await().atMost(Duration.ofSeconds(20));
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 1);
            assertThat(receiver.received().get(0).body()).contains("\"alert\"");
        }
    }

    @Test
    void metricsCountDeliveriesAndExposeLatencyLagAndDisabledEndpoints() {
        String ns = freshNamespace();
        try (TestReceiver receiver = new TestReceiver()) {
            register(endpoint(receiver, ns));
            publishDeployment(EventTypes.DEPLOYMENT_CREATED, ns, "m");
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 1);
            io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("webhook_deliveries_total{outcome=\"succeeded\""))
                    .body(containsString("webhook_attempt_duration_seconds_bucket"))
                    .body(containsString("webhook_queue_lag_seconds"))
                    .body(containsString("webhook_endpoints_disabled"));
        }
    }

    @Test
    void serviceUnavailableHonoursRetryAfterAsAnHttpDate() {
        String ns = freshNamespace();
        String date = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.now().plusSeconds(4).atOffset(java.time.ZoneOffset.UTC));
        try (TestReceiver receiver = new TestReceiver().then(503, Map.of("Retry-After", date))) {
            register(endpoint(receiver, ns));
            publishDeployment(EventTypes.DEPLOYMENT_RESTARTED, ns, "api");
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 2);
            // The date is 3 to 4 s ahead (HTTP dates have whole seconds); the schedule alone would retry after ~1 s.
            assertThat(Duration.between(receiver.received().get(0).at(), receiver.received().get(1).at()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(2500));
        }
    }

    @Test
    void theAttemptSpanContinuesTheTraceOfTheEvent() {
        String ns = freshNamespace();
        try (TestReceiver receiver = new TestReceiver()) {
            register(endpoint(receiver, ns));
            EventEnvelope e = publishDeployment(EventTypes.DEPLOYMENT_CREATED, ns, "traced");
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 1);
            // The traceparent the Kafka record carried, as recorded with the message.
            String stored = pool.preparedQuery("SELECT traceparent FROM message WHERE id = $1")
                    .execute(io.vertx.mutiny.sqlclient.Tuple.of("msg_" + e.id())).await().indefinitely()
                    .iterator().next().getString(0);
            assertThat(stored).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
            String[] event = stored.split("-");
            String[] sent = receiver.received().get(0).header("traceparent").split("-");
            assertThat(sent[1]).as("same trace").isEqualTo(event[1]);
            assertThat(sent[2]).as("the attempt's own span").isNotEqualTo(event[2]);
        }
    }

    @Test
    void retriesAndReplaysContinueTheEventsTraceWithExactlyOneTraceparent() {
        String ns = freshNamespace();
        try (TestReceiver receiver = new TestReceiver().then(500)) {
            String id = register(endpoint(receiver, ns, "retrySchedule", "1s")).getString("id");
            EventEnvelope e = publishDeployment(EventTypes.DEPLOYMENT_SCALED, ns, "retraced");
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 2);
            // A replay takes finished deliveries: wait until the retry's success is recorded, not only received.
            await().atMost(Duration.ofSeconds(10)).until(() -> "succeeded".equals(deliveryStatus(e, id)));
            admin().post("/api/v1/webhooks/messages/msg_" + e.id() + "/replay").then().statusCode(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 3);
            String stored = pool.preparedQuery("SELECT traceparent FROM message WHERE id = $1")
                    .execute(io.vertx.mutiny.sqlclient.Tuple.of("msg_" + e.id())).await().indefinitely()
                    .iterator().next().getString(0);
            String trace = stored.split("-")[1];
            for (TestReceiver.Received got : receiver.received()) {
                List<String> headers = got.headers().entrySet().stream()
                        .filter(h -> h.getKey().equalsIgnoreCase("traceparent"))
                        .flatMap(h -> h.getValue().stream()).toList();
                assertThat(headers).as("traceparent headers of one request").hasSize(1);
                assertThat(headers.get(0).split("-")[1]).as("first attempt, retry and replay: the event's trace")
                        .isEqualTo(trace);
            }
        }
    }

    @Test
    void pendingDeliveriesOfADisabledEndpointWaitAndResumeWhenItIsEnabledAgain() {
        String ns = freshNamespace();
        try (TestReceiver receiver = new TestReceiver().then(500)) {
            String id = register(endpoint(receiver, ns, "retrySchedule", "2s")).getString("id");
            EventEnvelope e = publishDeployment(EventTypes.DEPLOYMENT_CREATED, ns, "paused");
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 1);
            admin().post("/api/v1/webhooks/endpoints/" + id + "/disable").then().statusCode(200)
                    .body("enabled", equalTo(false));
            // The retry was due after about 2 s: nothing is attempted while disabled, and nothing is lost.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
                    receiver.received().size() == 1 && "pending".equals(deliveryStatus(e, id)));

            admin().post("/api/v1/webhooks/endpoints/" + id + "/enable").then().statusCode(200)
                    .body("enabled", equalTo(true));
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 2);
            assertThat(receiver.received().get(1).header("webhook-id")).isEqualTo("msg_" + e.id());
            await().atMost(Duration.ofSeconds(10)).until(() -> "succeeded".equals(deliveryStatus(e, id)));
        }
    }

    @Test
    void pendingDeliveriesOfAnEndpointDisabledLongerThanTheRetentionAreCancelledNotLost() {
        String ns = freshNamespace();
        try (TestReceiver receiver = new TestReceiver().then(500)) {
            String id = register(endpoint(receiver, ns, "retrySchedule", "2s")).getString("id");
            EventEnvelope e = publishDeployment(EventTypes.DEPLOYMENT_CREATED, ns, "forgotten");
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 1);
            admin().post("/api/v1/webhooks/endpoints/" + id + "/disable").then().statusCode(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> "pending".equals(deliveryStatus(e, id)));

            deliveryLog.purge(Duration.ofDays(1)).await().indefinitely();
            assertThat(deliveryStatus(e, id)).isEqualTo("pending");
            deliveryLog.purge(Duration.ZERO).await().indefinitely();
            assertThat(deliveryStatus(e, id)).isEqualTo("cancelled");
            viewer().queryParam("endpointId", id).queryParam("status", "cancelled").get("/api/v1/webhooks/messages")
                    .then().statusCode(200).body("total", equalTo(1))
                    .body("items[0].deliveries.find { it.endpointId == '" + id + "' }.lastError",
                            containsString("disabled"));

            admin().post("/api/v1/webhooks/endpoints/" + id + "/enable").then().statusCode(200);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                    receiver.received().size() == 1);
            // A cancelled delivery is still in the log and can be replayed by hand.
            admin().queryParam("endpointId", id).post("/api/v1/webhooks/messages/msg_" + e.id() + "/replay")
                    .then().statusCode(202).body("replayed", equalTo(1));
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 2);
        }
    }

    @Test
    void theEndpointViewShowsTheCircuitBreakerOpeningAndClosing() {
        String ns = freshNamespace();
        try (TestReceiver receiver = new TestReceiver().otherwise(500)) {
            String id = register(endpoint(receiver, ns, "retrySchedule", "1s,1s,1s,1s,1s,1s,1s,1s")).getString("id");
            viewer().get("/api/v1/webhooks/endpoints/" + id).then().body("circuit", equalTo("closed"));
            for (int i = 0; i < 5; i++) {
                publishDeployment(EventTypes.DEPLOYMENT_FAILED, ns, "b" + i);
            }
            // %test: threshold 5, open for 1 s
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> "open".equals(
                    viewer().get("/api/v1/webhooks/endpoints/" + id).then().extract().path("circuit")));
            JsonPath view = viewer().get("/api/v1/webhooks/endpoints/" + id).then().extract().jsonPath();
            assertThat(view.getString("failingSince")).isNotNull();

            receiver.otherwise(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> "closed".equals(
                    viewer().get("/api/v1/webhooks/endpoints/" + id).then().extract().path("circuit")));
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().stream()
                    .map(r -> r.header("webhook-id")).distinct().count() == 5
                    && viewer().queryParam("endpointId", id).queryParam("status", "succeeded")
                            .get("/api/v1/webhooks/messages").then().extract().<Integer>path("total") == 5);
            viewer().get("/api/v1/webhooks/endpoints/" + id).then().body("failingSince", org.hamcrest.Matchers
                    .nullValue());
        }
    }

    static String deliveryStatus(EventEnvelope e, String endpointId) {
        List<Map<String, Object>> deliveries = WebhookApi.message("msg_" + e.id()).getList("deliveries");
        return deliveries.stream().filter(d -> endpointId.equals(d.get("endpointId")))
                .map(d -> (String) d.get("status")).findFirst().orElse(null);
    }
}
