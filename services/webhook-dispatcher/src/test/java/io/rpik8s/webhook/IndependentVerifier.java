package io.rpik8s.webhook;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies Standard Webhooks signatures from the specification alone, without the production signer or the
 * shared-model helper: HMAC-SHA256 over {@code id.timestamp.body} keyed by the base64-decoded secret after
 * {@code whsec_}, and ed25519 ({@code v1a,}) with a {@code whpk_} public key.
 */
final class IndependentVerifier {

    private IndependentVerifier() {
    }

    /** The {@code v1,} signatures of the header that this secret produced (0, 1...). */
    static long matchingV1(String secret, String id, String timestamp, String body, String header) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.replaceFirst("^whsec_", "")),
                    "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return parts(header, "v1").stream()
                    .filter(sig -> MessageDigest.isEqual(Base64.getDecoder().decode(sig), expected)).count();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean ed25519(String publicKey, String id, String timestamp, String body, String header) {
        try {
            byte[] raw = Base64.getDecoder().decode(publicKey.replaceFirst("^whpk_", ""));
            byte[] prefix = HexFormat.of().parseHex("302a300506032b6570032100");
            byte[] x509 = new byte[prefix.length + raw.length];
            System.arraycopy(prefix, 0, x509, 0, prefix.length);
            System.arraycopy(raw, 0, x509, prefix.length, raw.length);
            var key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
            for (String sig : parts(header, "v1a")) {
                Signature v = Signature.getInstance("Ed25519");
                v.initVerify(key);
                v.update((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
                if (v.verify(Base64.getDecoder().decode(sig))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> parts(String header, String version) {
        List<String> out = new ArrayList<>();
        for (String token : header.split(" ")) {
            int comma = token.indexOf(',');
            if (comma > 0 && token.substring(0, comma).equals(version)) {
                out.add(token.substring(comma + 1));
            }
        }
        return out;
    }
}
