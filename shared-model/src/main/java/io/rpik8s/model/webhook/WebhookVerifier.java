package io.rpik8s.model.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies webhooks sent by the platform's webhook dispatcher, for Java receivers (plain JDK, Standard Webhooks):
 * the {@code webhook-signature} header holds space-separated {@code v1,<base64 HMAC-SHA256>} signatures of
 * {@code webhook-id + "." + webhook-timestamp + "." + body}, keyed with the base64 bytes after {@code whsec_}; one
 * matching signature is enough (during a secret rotation two are sent). The timestamp must be within the tolerance
 * (default 5 minutes) to stop replays. Verify the raw body bytes as received, before parsing them.
 */
public final class WebhookVerifier {

    /** Default allowed distance between the webhook timestamp and now. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final byte[] key;
    private final Duration tolerance;
    private final Clock clock;

    /** A verifier for the {@code whsec_...} secret shown when the endpoint was registered. */
    public WebhookVerifier(String secret) {
        this(secret, DEFAULT_TOLERANCE, Clock.systemUTC());
    }

    public WebhookVerifier(String secret, Duration tolerance, Clock clock) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("secret is required");
        }
        String encoded = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        this.key = Base64.getDecoder().decode(encoded);
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /**
     * Verifies a request given its headers (any case) and raw body.
     *
     * @throws WebhookVerificationException when a header is missing, the timestamp is outside the tolerance or no
     *                                      signature matches
     */
    public void verify(Map<String, String> headers, String body) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        verify(h.get("webhook-id"), h.get("webhook-timestamp"), h.get("webhook-signature"), body);
    }

    /** Verifies the three Standard Webhooks header values and the raw body. */
    public void verify(String id, String timestamp, String signatureHeader, String body) {
        if (id == null || timestamp == null || signatureHeader == null) {
            throw new WebhookVerificationException("missing webhook-id, webhook-timestamp or webhook-signature");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new WebhookVerificationException("webhook-timestamp is not a number of seconds");
        }
        Instant sent = Instant.ofEpochSecond(seconds);
        Instant now = clock.instant();
        if (sent.isBefore(now.minus(tolerance)) || sent.isAfter(now.plus(tolerance))) {
            throw new WebhookVerificationException("webhook-timestamp is outside the tolerance of " + tolerance);
        }
        byte[] expected = sign(id + "." + timestamp.trim() + "." + body);
        for (String token : signatureHeader.trim().split(" +")) {
            int comma = token.indexOf(',');
            if (comma < 0 || !"v1".equals(token.substring(0, comma))) {
                continue; // other schemes (v1a) are for other verifiers
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(token.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return;
            }
        }
        throw new WebhookVerificationException("no v1 signature matches");
    }

    private byte[] sign(String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
