package io.rpik8s.panel.session;

import io.rpik8s.panel.config.PanelConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The session cookie: the session encrypted and authenticated with AES-GCM, so the panel keeps no session state and
 * the token can be neither read nor changed in the browser. HttpOnly (no script reads it) and SameSite=Strict (no
 * other site's page sends it).
 */
@ApplicationScoped
public class SessionCookie {

    public static final String NAME = "panel-session";
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final PanelConfig.SessionSettings settings;

    public SessionCookie(PanelConfig config) {
        this.settings = config.session();
        byte[] bytes = settings.key().map(k -> Base64.getDecoder().decode(k.trim())).orElseGet(() -> {
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            return random;
        });
        if (bytes.length != 16 && bytes.length != 32) {
            throw new IllegalArgumentException("platform.panel.session.key must be 16 or 32 bytes, base64");
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    /** The cookie that signs {@code session} in; it ends with the session. */
    public NewCookie issue(Session session) {
        String plain = session.subject() + "\n" + session.expiresAt().getEpochSecond() + "\n"
                + String.join(",", session.roles()) + "\n" + session.token();
        long maxAge = Math.max(0, Duration.between(Instant.now(), session.expiresAt()).toSeconds());
        return cookie(seal(plain.getBytes(StandardCharsets.UTF_8)), (int) maxAge);
    }

    /** A cookie that removes the session. */
    public NewCookie clear() {
        return cookie("", 0);
    }

    /** The session in a cookie value, if it was made by this panel and has not expired. */
    public Optional<Session> read(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            String[] parts = new String(open(value), StandardCharsets.UTF_8).split("\n", 4);
            Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[1]));
            if (parts.length != 4 || !expires.isAfter(Instant.now())) {
                return Optional.empty();
            }
            Set<String> roles = new TreeSet<>(Arrays.asList(parts[2].split(",")));
            return Optional.of(new Session(parts[3], parts[0], roles, expires));
        } catch (GeneralSecurityException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            // Made with another key (a restart without a configured key) or tampered with: not signed in.
            return Optional.empty();
        }
    }

    /** When a new session ends: the token's own expiry, capped by the configured maximum. */
    public Instant expiryFor(Optional<Instant> tokenExpiry) {
        Instant cap = Instant.now().plus(settings.maxAge());
        return tokenExpiry.filter(t -> t.isBefore(cap)).orElse(cap);
    }

    private NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(NAME).value(value).path("/").maxAge(maxAge).httpOnly(true)
                .secure(settings.secureCookie()).sameSite(NewCookie.SameSite.STRICT).build();
    }

    /** The bytes encrypted and authenticated with the panel's key, base64url. */
    String seal(byte[] plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plain);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The bytes sealed by {@link #seal}, or an exception when made with another key or tampered with. */
    byte[] open(String value) throws GeneralSecurityException {
        byte[] all = Base64.getUrlDecoder().decode(value);
        if (all.length <= IV_BYTES) {
            throw new IllegalArgumentException("too short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, IV_BYTES));
        return cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
    }
}
