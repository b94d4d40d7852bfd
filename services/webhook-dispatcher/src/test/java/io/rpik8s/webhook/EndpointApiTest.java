package io.rpik8s.webhook;

import static io.rpik8s.webhook.WebhookApi.admin;
import static io.rpik8s.webhook.WebhookApi.register;
import static io.rpik8s.webhook.WebhookApi.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.path.json.JsonPath;
import io.rpik8s.model.events.EventSchemas;
import io.rpik8s.testsupport.PlatformTestResource;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The endpoints API: registration with a secret shown once, changes, validation, roles, static endpoints, test ping. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PlatformTestResource.class)
class EndpointApiTest {

    @Test
    void registerShowsTheSecretOnceThenListGetUpdateDisableDelete() {
        JsonPath created = register(Map.of("url", "https://hooks.example.com/a", "description", "ops",
                "filterTypes", List.of("deployment.*", "alert.firing"), "namespacesInclude", List.of("team-*"),
                "headers", Map.of("X-Env", "prod"), "rateLimitPerSecond", 5, "retrySchedule", "5s,1m"));
        String id = created.getString("id");
        String secret = created.getString("secret");
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSizeGreaterThanOrEqualTo(24);

        viewer().get("/api/v1/webhooks/endpoints/" + id).then().statusCode(200)
                .body("secret", nullValue())
                .body("url", equalTo("https://hooks.example.com/a"))
                .body("filterTypes", equalTo(List.of("deployment.*", "alert.firing")))
                .body("headers.X-Env", equalTo("prod"))
                .body("rateLimitPerSecond", equalTo(5))
                .body("enabled", equalTo(true));
        viewer().get("/api/v1/webhooks/endpoints").then().statusCode(200).body("id", hasItem(id));

        admin().body(Map.of("url", "https://hooks.example.com/b", "filterTypes", List.of("*")))
                .put("/api/v1/webhooks/endpoints/" + id).then().statusCode(200)
                .body("url", equalTo("https://hooks.example.com/b")).body("secret", nullValue());
        admin().post("/api/v1/webhooks/endpoints/" + id + "/disable").then().statusCode(200)
                .body("enabled", equalTo(false));
        admin().post("/api/v1/webhooks/endpoints/" + id + "/enable").then().statusCode(200)
                .body("enabled", equalTo(true));
        admin().delete("/api/v1/webhooks/endpoints/" + id).then().statusCode(204);
        viewer().get("/api/v1/webhooks/endpoints/" + id).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void badRequestsAre400NamingTheField() {
        admin().body(Map.of("url", "ftp://x")).post("/api/v1/webhooks/endpoints").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("url"));
        admin().body(Map.of()).post("/api/v1/webhooks/endpoints").then().statusCode(400)
                .body("errors.field", hasItem(org.hamcrest.Matchers.containsString("url")));
        admin().body(Map.of("url", "https://x.example.com", "filterTypes", List.of("Deploy ment")))
                .post("/api/v1/webhooks/endpoints").then().statusCode(400)
                .body("errors.field", hasItem(org.hamcrest.Matchers.containsString("filterTypes")));
        admin().body(Map.of("url", "https://x.example.com", "headers", Map.of("webhook-signature", "forged")))
                .post("/api/v1/webhooks/endpoints").then().statusCode(400)
                .body("errors[0].field", equalTo("headers.webhook-signature"));
        admin().body(Map.of("url", "https://x.example.com", "retrySchedule", "soon"))
                .post("/api/v1/webhooks/endpoints").then().statusCode(400)
                .body("errors.field", hasItem(org.hamcrest.Matchers.containsString("retrySchedule")));
        viewer().queryParam("since", "yesterday").get("/api/v1/webhooks/messages").then().statusCode(400)
                .body("errors[0].field", equalTo("since"));
    }

    @Test
    void viewerReadsButCannotChange() {
        viewer().body(Map.of("url", "https://x.example.com")).post("/api/v1/webhooks/endpoints").then()
                .statusCode(403);
        io.restassured.RestAssured.given().get("/api/v1/webhooks/endpoints").then().statusCode(401);
    }

    @Test
    void staticEndpointsFromConfigurationAreListed() {
        viewer().get("/api/v1/webhooks/endpoints/static_gitops").then().statusCode(200)
                .body("isStatic", equalTo(true))
                .body("url", equalTo("http://127.0.0.1:9/static"))
                .body("filterTypes", equalTo(List.of("bucket.*")));
        // The original WebhookSettings (endpoints + secret) become static endpoints for every event.
        viewer().get("/api/v1/webhooks/endpoints").then().statusCode(200)
                .body("find { it.url == 'http://10.255.0.1/legacy' }.isStatic", equalTo(true))
                .body("find { it.url == 'http://10.255.0.1/legacy' }.filterTypes", equalTo(List.of("*")));
    }

    @Test
    void testPingIsDeliveredSignedToThatEndpointOnly() {
        try (TestReceiver receiver = new TestReceiver()) {
            JsonPath ep = register(Map.of("url", receiver.url(), "namespacesInclude", List.of("nothing-here")));
            String messageId = admin().post("/api/v1/webhooks/endpoints/" + ep.getString("id") + "/test").then()
                    .statusCode(202).extract().path("messageId");
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 1);
            TestReceiver.Received got = receiver.received().get(0);
            assertThat(got.header("webhook-id")).isEqualTo(messageId);
            assertThat(IndependentVerifier.matchingV1(ep.getString("secret"), messageId,
                    got.header("webhook-timestamp"), got.body(), got.header("webhook-signature"))).isEqualTo(1);
            JsonPath body = JsonPath.from(got.body());
            assertThat(body.getString("event")).isEqualTo("webhook.test");
            assertThat(body.getString("webhook.endpointId")).isEqualTo(ep.getString("id"));
            assertThat(body.getString("actor")).isEqualTo("test-admin");
            assertThat(EventSchemas.validate(got.body())).isEmpty();
        }
    }

    @Test
    void internalAddressesAreRefusedAtRegistrationAndUpdateWithTheReason() {
        for (String url : List.of("http://169.254.169.254/latest/meta-data", "http://10.0.0.1/hook",
                "http://[::ffff:169.254.169.254]/x", "http://[fd00::1]/x", "http://metadata.google.internal/x")) {
            admin().body(Map.of("url", url)).post("/api/v1/webhooks/endpoints").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("url"))
                    .body("errors[0].reason", startsWith("refused: "));
        }
        try (TestReceiver receiver = new TestReceiver()) {
            String id = register(Map.of("url", receiver.url())).getString("id");
            admin().body(Map.of("url", "http://169.254.169.254/latest")).put("/api/v1/webhooks/endpoints/" + id)
                    .then().statusCode(400).body("errors[0].reason", containsString("link-local"));
            admin().get("/api/v1/webhooks/endpoints/" + id).then().statusCode(200).body("url", equalTo(receiver.url()));
        }
    }

    @Test
    void eventTypeFiltersMustMatchAKnownEventType() {
        admin().body(Map.of("url", "https://example.com/hook", "filterTypes", List.of("deploymnet.*")))
                .post("/api/v1/webhooks/endpoints").then().statusCode(400)
                .body("errors[0].field", equalTo("filterTypes[0]"))
                .body("errors[0].reason", containsString("matches no event type"));
        admin().body(Map.of("url", "https://example.com/hook", "filterTypes", List.of("deployment.creatd")))
                .post("/api/v1/webhooks/endpoints").then().statusCode(400);
        admin().body(Map.of("url", "https://example.com/hook",
                        "filterTypes", List.of("deployment.*", "alert.firing", "*", "database.*")))
                .post("/api/v1/webhooks/endpoints").then().statusCode(201);
        admin().queryParam("eventType", "deploymnet.created").get("/api/v1/webhooks/messages").then()
                .statusCode(400).body("errors[0].field", equalTo("eventType"));
    }

    @Test
    void controlCharactersInBodyStringsAre400NamingTheFieldWhileNewlinesAndTabsStayLegal() {
        admin().body(Map.of("url", "https://example.com/nul", "description", "a\u0000b"))
                .post("/api/v1/webhooks/endpoints").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("description"))
                .body("errors[0].reason", containsString("U+0000 at position 1"));
        admin().body(Map.of("url", "https://example.com/nul", "headers", Map.of("X-A", "\u001b[31m")))
                .post("/api/v1/webhooks/endpoints").then().statusCode(400)
                .body("errors[0].field", equalTo("headers.X-A"));
        String id = register(Map.of("url", "https://example.com/free-text", "description", "line one\n\tline two"))
                .getString("id");
        viewer().get("/api/v1/webhooks/endpoints/" + id).then().statusCode(200)
                .body("description", equalTo("line one\n\tline two"));
        admin().body(Map.of("url", "https://example.com/free-text", "description", "\u0000"))
                .put("/api/v1/webhooks/endpoints/" + id).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("description"));
        viewer().get("/api/v1/webhooks/endpoints/" + id).then().statusCode(200)
                .body("description", equalTo("line one\n\tline two"));
    }

    @Test
    void aMisspeltFieldIs400NamingItNotAnEndpointThatReceivesEveryEvent() {
        admin().body(Map.of("url", "https://example.com/misspelt", "eventTypes", List.of("deployment.created")))
                .post("/api/v1/webhooks/endpoints").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("eventTypes"))
                .body("errors[0].reason", equalTo("unknown field 'eventTypes'"));
        viewer().get("/api/v1/webhooks/endpoints").then().statusCode(200)
                .body("url", not(hasItem("https://example.com/misspelt")));
    }

    @Test
    void replayOfFailedDeliveriesRefusesAnEndpointIdThatCannotBeOne() {
        admin().body(Map.of("since", "2026-01-01T00:00:00Z", "endpointId", "a\u0000b"))
                .post("/api/v1/webhooks/replay-failed").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("endpointId"));
        admin().body(Map.of("since", "2026-01-01T00:00:00Z", "endpointId", "../ep 1"))
                .post("/api/v1/webhooks/replay-failed").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("endpointId"));
    }
}
