package io.rpik8s.webhook.endpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rpik8s.webhook.store.Endpoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An endpoint as the API shows it: no secret, except {@code secret} on the answer to creation or rotation, the only
 * time it is shown. {@code circuit} is this instance's in-memory breaker state.
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
        String circuit,
        Instant circuitOpenUntil,
        Instant createdAt,
        Instant updatedAt,
        String secret) {

    /** The breaker's state of one endpoint: {@code closed}, {@code open} (until when) or {@code half-open}. */
    public record CircuitState(String circuit, Instant openUntil) {
        static final CircuitState CLOSED = new CircuitState("closed", null);
    }

    public static EndpointView of(Endpoint e, CircuitState circuit) {
        return of(e, circuit, null);
    }

    public static EndpointView of(Endpoint e, CircuitState circuit, String shownSecret) {
        boolean rotating = e.previousSecret() != null && e.previousSecretUntil() != null
                && e.previousSecretUntil().isAfter(Instant.now());
        return new EndpointView(e.id(), e.url(), e.description(), e.enabled(), e.disabledReason(), e.filterTypes(),
                e.namespacesInclude(), e.namespacesExclude(), e.headers(), e.rateLimitPerSecond(), e.retrySchedule(),
                rotating, rotating ? e.previousSecretUntil() : null, e.ed25519PublicKey(), e.isStatic(),
                e.failingSince(), circuit.circuit(), circuit.openUntil(), e.createdAt(), e.updatedAt(), shownSecret);
    }
}
