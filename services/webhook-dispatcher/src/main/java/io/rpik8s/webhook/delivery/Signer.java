package io.rpik8s.webhook.delivery;

import io.rpik8s.webhook.store.Endpoint;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Standard Webhooks signatures: {@code v1,} HMAC-SHA256 per active secret and {@code v1a,} ed25519 when enabled. */
public final class Signer {

    private Signer() {
    }

    /** The {@code webhook-signature} header value: space-separated signatures of {@code id.timestamp.body}. */
    public static String signatureHeader(Endpoint endpoint, String msgId, long timestamp, String body, Instant now) {
        String content = msgId + "." + timestamp + "." + body;
        List<String> signatures = new ArrayList<>();
        signatures.add("v1," + hmac(endpoint.secret(), content));
        if (endpoint.previousSecret() != null && endpoint.previousSecretUntil() != null
                && endpoint.previousSecretUntil().isAfter(now)) {
            signatures.add("v1," + hmac(endpoint.previousSecret(), content));
        }
        if (endpoint.ed25519PrivateKey() != null) {
            signatures.add("v1a," + ed25519(endpoint.ed25519PrivateKey(), content));
        }
        return String.join(" ", signatures);
    }

    static String hmac(String secret, String content) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring(6) : secret);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 failed", e);
        }
    }

    static String ed25519(String pkcs8Base64, String content) {
        try {
            var key = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pkcs8Base64)));
            Signature sig = Signature.getInstance("Ed25519");
            sig.initSign(key);
            sig.update(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sig.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }
}
