package io.rpik8s.testsupport;

import io.rpik8s.model.auth.PlatformTokens;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * Bearer tokens for tests, signed with a key generated for this JVM and handed to the service under test by
 * {@link PlatformTestResource} (no key is written in any file).
 */
public final class TestTokens {

    private static final String KEY = randomKey();

    private TestTokens() {
    }

    public static String signingKey() {
        return KEY;
    }

    public static String admin() {
        return of("test-admin", "admin");
    }

    public static String operator() {
        return of("test-operator", "operator");
    }

    public static String viewer() {
        return of("test-viewer", "viewer");
    }

    public static String of(String subject, String... roles) {
        return PlatformTokens.mint(KEY, subject, Set.of(roles), Duration.ofHours(1));
    }

    /** A well-formed admin token signed with another key: must be refused. */
    public static String forged() {
        return PlatformTokens.mint(randomKey(), "intruder", Set.of("admin"), Duration.ofHours(1));
    }

    /** An admin token that expired an hour ago (beyond any clock skew allowance). */
    public static String expired() {
        return PlatformTokens.mint(KEY, "late", Set.of("admin"), Duration.ofHours(-1));
    }

    /** {@code Bearer <token>}. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
