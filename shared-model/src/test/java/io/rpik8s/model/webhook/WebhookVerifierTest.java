package io.rpik8s.model.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The verifier against the example of the Standard Webhooks specification and in the documented receiver. */
class WebhookVerifierTest {

    // The test vector of the Standard Webhooks reference libraries.
    static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final String SPEC_TS = "1614265330";
    static final String SPEC_BODY = "{\"test\": 2432232314}";
    static final String SPEC_SIG = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    static final Clock SPEC_TIME = Clock.fixed(Instant.ofEpochSecond(1614265330), ZoneOffset.UTC);

    @Test
    void acceptsTheSpecificationExampleAndAnyOfSeveralSignatures() {
        WebhookVerifier v = new WebhookVerifier(SPEC_SECRET, Duration.ofMinutes(5), SPEC_TIME);
        v.verify(SPEC_ID, SPEC_TS, SPEC_SIG, SPEC_BODY);
        v.verify(Map.of("Webhook-Id", SPEC_ID, "WEBHOOK-TIMESTAMP", SPEC_TS,
                "webhook-signature", "v1,bm90LWl0 v1a,xyz " + SPEC_SIG), SPEC_BODY);
    }

    @Test
    void refusesTamperingWrongSecretOldTimestampsAndMissingHeaders() {
        WebhookVerifier v = new WebhookVerifier(SPEC_SECRET, Duration.ofMinutes(5), SPEC_TIME);
        assertThatThrownBy(() -> v.verify(SPEC_ID, SPEC_TS, SPEC_SIG, SPEC_BODY + " "))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> v.verify("msg_other", SPEC_TS, SPEC_SIG, SPEC_BODY))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new WebhookVerifier("whsec_" + Base64.getEncoder().encodeToString(new byte[24]),
                Duration.ofMinutes(5), SPEC_TIME).verify(SPEC_ID, SPEC_TS, SPEC_SIG, SPEC_BODY))
                .isInstanceOf(WebhookVerificationException.class);
        WebhookVerifier later = new WebhookVerifier(SPEC_SECRET, Duration.ofMinutes(5),
                Clock.offset(SPEC_TIME, Duration.ofMinutes(6)));
        assertThatThrownBy(() -> later.verify(SPEC_ID, SPEC_TS, SPEC_SIG, SPEC_BODY))
                .hasMessageContaining("tolerance");
        assertThatThrownBy(() -> v.verify(Map.of("webhook-id", SPEC_ID), SPEC_BODY))
                .hasMessageContaining("missing");
    }

    @Test
    void theDocumentedReceiverAcceptsSignedRequestsAndRefusesOthers() throws Exception {
        String secret = "whsec_" + Base64.getEncoder().encodeToString("a-secret-of-thirty-two-bytes-abc".getBytes());
        List<String> events = new CopyOnWriteArrayList<>();
        HttpServer server = ExampleReceiver.start(0, secret, events::add);
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks";
            String body = "{\"event\":\"deployment.created\",\"timestamp\":\"2026-01-10T12:00:00Z\"}";
            String ts = Long.toString(Instant.now().getEpochSecond());
            assertThat(post(url, "msg_1", ts, "v1," + hmac(secret, "msg_1." + ts + "." + body), body))
                    .isEqualTo(204);
            assertThat(post(url, "msg_2", ts, "v1," + hmac(secret, "msg_1." + ts + "." + body), body))
                    .isEqualTo(400);
            assertThat(events).containsExactly(body);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theExtendingGuideShowsTheReceiverExactlyAsCompiled() throws Exception {
        java.nio.file.Path guide = java.nio.file.Path.of("../docs/extending.md");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(guide), "built outside the repository");
        String source = java.nio.file.Files.readString(
                java.nio.file.Path.of("src/test/java/io/rpik8s/model/webhook/ExampleReceiver.java"));
        String snippet = source.substring(source.indexOf("// tag::receiver[]\n") + "// tag::receiver[]\n".length(),
                source.indexOf("// end::receiver[]")).strip();
        String section = java.nio.file.Files.readString(guide).split("## Receiving webhooks", 2)[1].split("\n## ", 2)[0];
        assertThat(section).contains(snippet);
    }

    static int post(String url, String id, String ts, String sig, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("webhook-id", id)
                .header("webhook-timestamp", ts).header("webhook-signature", sig)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static String hmac(String secret, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }
}
