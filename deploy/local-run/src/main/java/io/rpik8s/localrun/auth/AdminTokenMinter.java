package io.rpik8s.localrun.auth;

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
 * Mints the platform's HS256 JWTs (issuer {@code rpi-k8s-platform}) for the local run.
 *
 * <p>Stand-in for {@code io.rpik8s.model.auth.PlatformTokens.mint} until shared-model provides it; the
 * claims are the same (iss, sub, upn, groups, iat, exp, jti).
 */
public final class AdminTokenMinter {

    public static final String ISSUER = "rpi-k8s-platform";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private AdminTokenMinter() {
    }

    public static String mint(String signingKey, String subject, Set<String> roles, Duration ttl) {
        Instant now = Instant.now();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "HS256");
        header.put("typ", "JWT");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", subject);
        claims.put("upn", subject);
        claims.put("groups", List.copyOf(roles));
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(ttl).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        try {
            String signingInput = B64.encodeToString(JSON.writeValueAsBytes(header)) + "."
                    + B64.encodeToString(JSON.writeValueAsBytes(claims));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keyBytes(signingKey), "HmacSHA256"));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(signature);
        } catch (GeneralSecurityException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot sign the admin token", e);
        }
    }

    /** The key is used as the UTF-8 bytes of its text, as SmallRye JWT does for a plain-text HS256 secret. */
    static byte[] keyBytes(String signingKey) {
        return signingKey.getBytes(StandardCharsets.UTF_8);
    }
}
