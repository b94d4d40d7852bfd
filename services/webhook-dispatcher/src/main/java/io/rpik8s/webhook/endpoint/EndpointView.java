package io.rpik8s.webhook.endpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An endpoint as the API shows it: no secret, except {@code secret} on the answer to creation or rotation, the only
 * time it is shown.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointView(
        String id,
        String url,
        String description,
        boolean enabled,
        String disabledReason,
        List<String> filterTypes,
        List<String> namespacesInclude,
        List<String> namespacesExclude,
        Map<String, String> headers,
        Integer rateLimitPerSecond,
        String retrySchedule,
        boolean rotating,
        Instant previousSecretExpiresAt,
        String ed25519PublicKey,
        boolean isStatic,
        Instant failingSince,
        Instant createdAt,
        Instant updatedAt,
        String secret) {

    public static EndpointView of(Endpoint e) {
        return of(e, null);
    }

    public static EndpointView of(Endpoint e, String shownSecret) {
        boolean rotating = e.previousSecret() != null && e.previousSecretUntil() != null
                && e.previousSecretUntil().isAfter(Instant.now());
        return new EndpointView(e.id(), e.url(), e.description(), e.enabled(), e.disabledReason(), e.filterTypes(),
                e.namespacesInclude(), e.namespacesExclude(), e.headers(), e.rateLimitPerSecond(), e.retrySchedule(),
                rotating, rotating ? e.previousSecretUntil() : null, e.ed25519PublicKey(), e.isStatic(),
                e.failingSince(), e.createdAt(), e.updatedAt(), shownSecret);
    }
}
