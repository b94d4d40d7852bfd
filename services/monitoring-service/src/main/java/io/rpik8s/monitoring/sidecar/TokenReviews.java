package io.rpik8s.monitoring.sidecar;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rpik8s.model.plugin.BlockingCalls;
import io.rpik8s.monitoring.config.MonitoringConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Asks the Kubernetes API who a bearer token belongs to ({@code authentication.k8s.io/v1} TokenReview, for the
 * sidecar audience), and remembers the answer briefly: a sidecar posts health every few seconds, and each review is
 * a round trip to the API server. Only the token's SHA-256 is kept.
 */
@ApplicationScoped
public class TokenReviews {

    private static final int MAX_REMEMBERED = 1024;
    private static final Logger LOG = Logger.getLogger(TokenReviews.class);

    private final KubernetesClient client;
    private final String audience;
    private final Duration cacheFor;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    public TokenReviews(KubernetesClient client, MonitoringConfig config) {
        this.client = client;
        this.audience = config.sidecar().audience();
        this.cacheFor = config.sidecar().reviewCacheFor();
    }

    /** The caller the token authenticates, or empty when the API server does not authenticate it. */
    public Uni<Optional<SidecarCaller>> review(String token) {
        String key = sha256(token);
        Remembered known = remembered.get(key);
        if (known != null && known.until().isAfter(clock.instant())) {
            return Uni.createFrom().item(known.caller());
        }
        // Fabric8's client blocks: the review runs on a worker thread.
        return BlockingCalls.call(() -> client.authentication().v1().tokenReviews().create(new TokenReviewBuilder()
                        .withNewSpec().withToken(token).withAudiences(audience).endSpec().build()))
                .map(TokenReviews::callerOf)
                .invoke(caller -> remember(key, caller))
                // Fails closed: a review the API server refuses or cannot answer vouches for no one (not remembered,
                // so the next call asks again); the caller is then refused like any unknown token.
                .onFailure().invoke(e -> LOG.warnf("TokenReview failed, the token is not accepted: %s", e.getMessage()))
                .onFailure().recoverWithItem(Optional.empty());
    }

    private static Optional<SidecarCaller> callerOf(TokenReview review) {
        TokenReviewStatus status = review.getStatus();
        if (status == null || !Boolean.TRUE.equals(status.getAuthenticated()) || status.getUser() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(SidecarCaller.of(status.getUser().getUsername(), status.getUser().getExtra()));
    }

    private void remember(String key, Optional<SidecarCaller> caller) {
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear();
        }
        remembered.put(key, new Remembered(caller, clock.instant().plus(cacheFor)));
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Remembered(Optional<SidecarCaller> caller, Instant until) {
    }
}
