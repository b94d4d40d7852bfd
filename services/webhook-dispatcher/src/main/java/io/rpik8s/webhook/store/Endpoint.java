package io.rpik8s.webhook.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A webhook endpoint as stored, secrets included: never returned by the API as is (see {@link EndpointView}). */
public record Endpoint(
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
        String secret,
        String previousSecret,
        Instant previousSecretUntil,
        String ed25519PrivateKey,
        String ed25519PublicKey,
        boolean isStatic,
        Instant failingSince,
        Instant createdAt,
        Instant updatedAt) {

    /** Whether this endpoint wants an event of {@code type} about {@code namespace} (null when it has none). */
    public boolean accepts(String type, String namespace) {
        return EventFilters.matchesType(filterTypes, type)
                && EventFilters.matchesNamespace(namespacesInclude, namespacesExclude, namespace);
    }
}
