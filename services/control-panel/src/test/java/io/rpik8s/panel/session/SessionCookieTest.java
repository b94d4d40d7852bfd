package io.rpik8s.panel.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpik8s.panel.config.PanelConfig;
import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionCookieTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void aSessionComesBackFromItsCookieWithoutTheTokenBeingReadableInIt() {
        SessionCookie cookies = new SessionCookie(config(Optional.of(KEY)));
        Session session = new Session("header.payload-with-secret.signature", "alice", Set.of("viewer", "operator"),
                Instant.now().plusSeconds(600));
        NewCookie cookie = cookies.issue(session);

        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo(NewCookie.SameSite.STRICT);
        assertThat(cookie.getValue()).doesNotContain("payload-with-secret").doesNotContain("alice");
        assertThat(cookie.getMaxAge()).isBetween(590, 600);
        Session back = cookies.read(cookie.getValue()).orElseThrow();
        assertThat(back.token()).isEqualTo(session.token());
        assertThat(back.subject()).isEqualTo("alice");
        assertThat(back.role()).isEqualTo("operator");
    }

    @Test
    void aChangedExpiredOrForeignCookieIsNoSession() {
        SessionCookie cookies = new SessionCookie(config(Optional.of(KEY)));
        String value = cookies.issue(new Session("t", "bob", Set.of("viewer"), Instant.now().plusSeconds(60)))
                .getValue();
        char last = value.charAt(value.length() - 2);
        String tampered = value.substring(0, value.length() - 2) + (last == 'A' ? 'B' : 'A') + value.charAt(value.length() - 1);
        assertThat(cookies.read(tampered)).isEmpty();
        assertThat(cookies.read("not base64 at all!")).isEmpty();
        assertThat(cookies.read("")).isEmpty();

        String expired = cookies.issue(new Session("t", "bob", Set.of("viewer"), Instant.now().minusSeconds(1)))
                .getValue();
        assertThat(cookies.read(expired)).isEmpty();

        SessionCookie otherKey = new SessionCookie(config(Optional.empty()));
        assertThat(otherKey.read(value)).isEmpty();
    }

    @Test
    void aSessionEndsWithItsTokenOrAtTheLatestAfterTheMaximumAge() {
        SessionCookie cookies = new SessionCookie(config(Optional.of(KEY)));
        Instant soon = Instant.now().plusSeconds(300);
        assertThat(cookies.expiryFor(Optional.of(soon))).isEqualTo(soon);
        assertThat(cookies.expiryFor(Optional.of(Instant.now().plus(Duration.ofDays(30)))))
                .isBefore(Instant.now().plus(Duration.ofHours(12).plusSeconds(1)));
        assertThat(cookies.expiryFor(Optional.empty())).isAfter(Instant.now().plus(Duration.ofHours(11)));
    }

    @Test
    void onlyPathsOfThePanelAreFollowedAfterSigningIn() {
        assertThat(SignInResource.safe("/apps?namespace=ml")).isEqualTo("/apps?namespace=ml");
        assertThat(SignInResource.safe("https://evil.example/")).isEqualTo("/");
        assertThat(SignInResource.safe("//evil.example/")).isEqualTo("/");
        assertThat(SignInResource.safe("/\\evil.example")).isEqualTo("/");
        assertThat(SignInResource.safe(null)).isEqualTo("/");
    }

    private static PanelConfig config(Optional<String> key) {
        return new PanelConfig() {
            @Override
            public SessionSettings session() {
                return new SessionSettings() {
                    @Override
                    public Optional<String> key() {
                        return key;
                    }

                    @Override
                    public boolean secureCookie() {
                        return false;
                    }

                    @Override
                    public Duration maxAge() {
                        return Duration.ofHours(12);
                    }
                };
            }

            @Override
            public Duration liveStreamMaxDuration() {
                return Duration.ofMinutes(15);
            }

            @Override
            public String signInHint() {
                return "";
            }

            @Override
            public Map<String, String> serviceLinks() {
                return Map.of();
            }

            @Override
            public Oidc oidc() {
                throw new UnsupportedOperationException("not used by the session cookie");
            }
        };
    }
}
