package io.rpik8s.examples.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rpik8s.model.events.EventJson;
import io.rpik8s.model.events.EventTypes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Signed webhooks are applied once per webhook-id; unsigned, forged or stale ones are a 400 problem+json. */
@QuarkusTest
@WithTestResource(PlatformKafka.class)
class WebhookReceiverTest {

    @ConfigProperty(name = "events-app.webhook-secret")
    String secret;

    @Test
    void aSignedWebhookIsAppliedOnceWithItsTrace() throws Exception {
        var event = PlatformKafka.deployment(EventTypes.DEPLOYMENT_CREATED, "ml", "trainer", 2, "trainer:2.0");
        String body = EventJson.write(event.data());
        String id = "msg_" + event.id();
        String now = String.valueOf(Instant.now().getEpochSecond());
        for (int delivery = 0; delivery < 2; delivery++) { // a retry carries the same webhook-id
            given().header("webhook-id", id).header("webhook-timestamp", now)
                    .header("webhook-signature", "v1," + sign(secret, id + "." + now + "." + body))
                    .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                    .body(body).post("/webhooks/platform").then().statusCode(204);
        }
        given().get("/apps/ml/trainer").then().statusCode(200).body("events", equalTo(1))
                .body("replicas", equalTo(2)).body("traceId", equalTo("0af7651916cd43dd8448eb211c80319c"));
    }

    @Test
    void aForgedOrStaleWebhookIs400ProblemJson() throws Exception {
        String body = "{\"event\":\"deployment.deleted\",\"timestamp\":\"2026-12-01T00:00:00Z\"}";
        String now = String.valueOf(Instant.now().getEpochSecond());
        String old = String.valueOf(Instant.now().minusSeconds(3600).getEpochSecond());
        given().header("webhook-id", "msg_1").header("webhook-timestamp", now)
                .header("webhook-signature", "v1," + sign("whsec_" + Base64.getEncoder().encodeToString(
                        "another-secret-of-32-bytes-long!".getBytes(StandardCharsets.UTF_8)), "msg_1." + now + "." + body))
                .body(body).post("/webhooks/platform").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("headers"));
        given().header("webhook-id", "msg_2").header("webhook-timestamp", old)
                .header("webhook-signature", "v1," + sign(secret, "msg_2." + old + "." + body))
                .body(body).post("/webhooks/platform").then().statusCode(400)
                .body("detail", startsWith("headers: webhook-timestamp is outside the tolerance"));
        given().body(body).post("/webhooks/platform").then().statusCode(400);
    }

    static String sign(String secret, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }
}
