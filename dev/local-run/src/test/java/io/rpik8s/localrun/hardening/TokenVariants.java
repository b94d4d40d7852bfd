package io.rpik8s.localrun.hardening;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rpik8s.model.auth.PlatformTokens;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Every kind of bad bearer credential a service must refuse with 401: none, garbage, an unsigned {@code alg:none}
 * token, one signed with another key, an expired one, one from another issuer, and a valid token whose claims were
 * changed after signing. All but "none" claim the admin role.
 */
final class TokenVariants {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private TokenVariants() {
    }

    /** A bad credential: its name and the Authorization header to send (null: none). */
    record Variant(String name, String authorization) {
    }

    static List<Variant> all(String signingKey) {
        long now = Instant.now().getEpochSecond();
        String valid = PlatformTokens.mint(signingKey, "hardening-viewer", java.util.Set.of("viewer"),
                java.time.Duration.ofHours(1));
        String[] parts = valid.split("\\.");
        String escalated = encode(claims(PlatformTokens.ISSUER, now, now + 3600));
        return List.of(
                new Variant("none", null),
                new Variant("garbage", "Bearer not.a-jwt.at-all"),
                new Variant("not-bearer", "Basic YWRtaW46YWRtaW4="),
                new Variant("alg-none", "Bearer " + encode(Map.of("alg", "none", "typ", "JWT")) + "." + escalated + "."),
                new Variant("wrong-key", "Bearer " + sign("another-key-that-is-at-least-32-bytes-long!!",
                        claims(PlatformTokens.ISSUER, now, now + 3600))),
                new Variant("expired", "Bearer " + sign(signingKey, claims(PlatformTokens.ISSUER, now - 7200, now - 3600))),
                new Variant("wrong-issuer", "Bearer " + sign(signingKey, claims("someone-else", now, now + 3600))),
                new Variant("tampered", "Bearer " + parts[0] + "." + escalated + "." + parts[2]));
    }

    private static Map<String, Object> claims(String issuer, long issuedAt, long expires) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", "intruder");
        claims.put("upn", "intruder");
        claims.put("groups", List.of("admin"));
        claims.put("iat", issuedAt);
        claims.put("exp", expires);
        claims.put("jti", UUID.randomUUID().toString());
        return claims;
    }

    private static String sign(String key, Map<String, Object> claims) {
        String input = encode(Map.of("alg", "HS256", "typ", "JWT")) + "." + encode(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return input + "." + B64URL.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Object json) {
        try {
            return B64URL.encodeToString(JSON.writeValueAsBytes(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
