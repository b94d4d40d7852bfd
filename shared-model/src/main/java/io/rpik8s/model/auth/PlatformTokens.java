package io.rpik8s.model.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints the platform's API bearer tokens: HS256-signed JWTs with the roles in {@code groups}, verified by every
 * service with the same signing key (from the {@code platform-auth} Secret). Plain JDK, so the local run and the
 * {@code mint-token} command use it without a Quarkus runtime.
 */
public final class PlatformTokens {

    public static final String ISSUER = "rpi-k8s-platform";
    /** Shorter keys are refused: HS256 needs at least 256 bits. */
    public static final int MIN_KEY_BYTES = 32;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private PlatformTokens() {
    }

    /**
     * A signed token for {@code subject} with {@code roles}, valid for {@code ttl}.
     *
     * @param signingKey the shared HMAC key as configured ({@code PLATFORM_AUTH_SIGNING_KEY}), at least 32 bytes
     */
    public static String mint(String signingKey, String subject, Set<String> roles, Duration ttl) {
        for (String role : roles) {
            if (!Roles.isKnown(role)) {
                throw new IllegalArgumentException("Unknown role '" + role + "': use viewer, operator or admin");
            }
        }
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", subject);
        claims.put("upn", subject);
        claims.put("groups", List.copyOf(roles));
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(ttl).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        String header = encode(Map.of("alg", "HS256", "typ", "JWT"));
        String signingInput = header + "." + encode(claims);
        return signingInput + "." + B64URL.encodeToString(hmac(keyBytes(signingKey), signingInput));
    }

    /** The key bytes of a configured signing key, refusing keys too short for HS256. */
    public static byte[] keyBytes(String signingKey) {
        if (signingKey == null || signingKey.isBlank()) {
            throw new IllegalArgumentException("No signing key configured (PLATFORM_AUTH_SIGNING_KEY)");
        }
        byte[] bytes = signingKey.trim().getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("The signing key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        return bytes;
    }

    private static String encode(Map<String, ?> json) {
        try {
            return B64URL.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
