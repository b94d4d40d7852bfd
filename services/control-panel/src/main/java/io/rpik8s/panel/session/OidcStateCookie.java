package io.rpik8s.panel.session;

import io.rpik8s.panel.config.PanelConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Optional;

/**
 * What the panel must remember across the trip to the OIDC provider (state, PKCE verifier, nonce, the page to return
 * to), sealed like the session. SameSite=Lax, unlike the session: the provider's redirect back is a cross-site
 * navigation, on which a Strict cookie is not sent. Scoped to the callback path and short-lived.
 */
@ApplicationScoped
public class OidcStateCookie {

    public static final String NAME = "panel-oidc";
    public static final String PATH = "/sign-in/oidc";

    /** One pending sign-in. */
    public record PendingSignIn(String state, String verifier, String nonce, String next, Instant expiresAt) {
    }

    private final SessionCookie sealer;
    private final PanelConfig config;

    public OidcStateCookie(SessionCookie sealer, PanelConfig config) {
        this.sealer = sealer;
        this.config = config;
    }

    public NewCookie issue(PendingSignIn pending) {
        String plain = String.join("\n", pending.state(), pending.verifier(), pending.nonce(),
                Long.toString(pending.expiresAt().getEpochSecond()), pending.next());
        return cookie(sealer.seal(plain.getBytes(StandardCharsets.UTF_8)),
                (int) config.oidc().stateMaxAge().toSeconds());
    }

    public NewCookie clear() {
        return cookie("", 0);
    }

    /** The pending sign-in this browser started, if the cookie is this panel's and has not expired. */
    public Optional<PendingSignIn> read(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            String[] parts = new String(sealer.open(value), StandardCharsets.UTF_8).split("\n", 5);
            if (parts.length != 5) {
                return Optional.empty();
            }
            Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[3]));
            return expires.isAfter(Instant.now())
                    ? Optional.of(new PendingSignIn(parts[0], parts[1], parts[2], parts[4], expires))
                    : Optional.empty();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(NAME).value(value).path(PATH).maxAge(maxAge).httpOnly(true)
                .secure(config.session().secureCookie()).sameSite(NewCookie.SameSite.LAX).build();
    }
}
