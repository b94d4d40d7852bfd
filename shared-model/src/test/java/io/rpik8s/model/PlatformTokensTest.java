package io.rpik8s.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rpik8s.model.auth.PlatformTokens;
import io.rpik8s.model.auth.Roles;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PlatformTokensTest {

    static final String KEY = "0123456789abcdef0123456789abcdef-test-only";

    @Test
    void mintsAnHs256JwtWithRolesSubjectAndExpiry() throws Exception {
        String token = PlatformTokens.mint(KEY, "alice", Set.of("operator"), Duration.ofHours(2));
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);

        ObjectMapper json = new ObjectMapper();
        JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.get("alg").asText()).isEqualTo("HS256");
        assertThat(claims.get("iss").asText()).isEqualTo("rpi-k8s-platform");
        assertThat(claims.get("sub").asText()).isEqualTo("alice");
        assertThat(claims.get("groups").get(0).asText()).isEqualTo("operator");
        long exp = claims.get("exp").asLong();
        assertThat(exp - Instant.now().getEpochSecond()).isBetween(7100L, 7200L);

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(Base64.getUrlDecoder().decode(parts[2])).isEqualTo(expected);
    }

    @Test
    void refusesShortKeysAndUnknownRoles() {
        assertThatThrownBy(() -> PlatformTokens.mint("short", "a", Set.of("admin"), Duration.ofHours(1)))
                .hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> PlatformTokens.mint(KEY, "a", Set.of("root"), Duration.ofHours(1)))
                .hasMessageContaining("Unknown role 'root'");
        assertThatThrownBy(() -> PlatformTokens.mint(null, "a", Set.of("admin"), Duration.ofHours(1)))
                .hasMessageContaining("PLATFORM_AUTH_SIGNING_KEY");
    }

    @Test
    void higherRolesIncludeLowerOnes() {
        assertThat(Roles.expand(List.of("admin"))).containsExactly("viewer", "operator", "admin");
        assertThat(Roles.expand(List.of("operator"))).containsExactly("viewer", "operator");
        assertThat(Roles.expand(List.of("viewer", "somethingelse"))).containsExactly("viewer");
        assertThat(Roles.expand(List.of())).isEmpty();
    }
}
