package io.rpik8s.webhook.delivery;

import io.rpik8s.webhook.config.WebhookConfig;
import io.rpik8s.webhook.store.EndpointStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the answer to an attempt means: the attempt and the delivery's next state in the log, the circuit breaker, the
 * retry (at the receiver's Retry-After when it throttles), and the endpoint's failing streak, which disables it after
 * {@code disable-after}; a 410 disables it at once.
 */
@ApplicationScoped
public class AttemptOutcomes {

    private final AttemptLog log;
    private final RetryPolicy retries;
    private final CircuitBreaker breaker;
    private final EndpointStore endpoints;
    private final EndpointDisabler disabler;
    private final DeliveryMetrics metrics;
    private final WebhookConfig config;
    /** Endpoints with a failing streak recorded by this instance, so that only their next success writes to them. */
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    public AttemptOutcomes(AttemptLog log, RetryPolicy retries, CircuitBreaker breaker, EndpointStore endpoints,
            EndpointDisabler disabler, DeliveryMetrics metrics, WebhookConfig config) {
        this.log = log;
        this.retries = retries;
        this.breaker = breaker;
        this.endpoints = endpoints;
        this.disabler = disabler;
        this.metrics = metrics;
        this.config = config;
    }

    /**
     * Records the outcome of {@code d}'s attempt and what it means for its endpoint; {@code forget} hands back the
     * deliveries waiting for an endpoint that this disables, {@code retryAt} hears when a retry is due once recorded.
     */
    public Uni<Void> record(DueDelivery d, AttemptResult r, Instant attemptedAt, Function<String, Uni<Void>> forget,
            Consumer<Instant> retryAt) {
        Instant now = Instant.now();
        String endpointId = d.endpoint().id();
        if (r.success()) {
            breaker.success(endpointId);
            metrics.attempt("succeeded", r.latencyMs());
            Uni<Void> recorded = log.record(d, r, attemptedAt, "succeeded", "succeeded", null);
            // Only the success ending a failing streak writes to the endpoint; every other one leaves it alone.
            boolean streak = failing.remove(endpointId) || d.endpoint().failingSince() != null;
            return streak ? recorded.chain(() -> endpoints.recordOutcome(endpointId, true)).replaceWithVoid()
                    : recorded;
        }
        if (r.blocked()) {
            breaker.neutral(endpointId);
            // A refused address will not become acceptable by waiting: fail at once.
            metrics.attempt("blocked", r.latencyMs());
            return log.record(d, r, attemptedAt, "blocked", "failed", null);
        }
        if (r.statusCode() != null && r.statusCode() == 410) {
            breaker.neutral(endpointId);
            metrics.attempt("gone", r.latencyMs());
            return log.record(d, r, attemptedAt, "gone", "failed", null)
                    .chain(() -> disabler.disable(endpointId, "gone", now)).chain(() -> forget.apply(endpointId));
        }
        breaker.failure(endpointId, now);
        Duration delay = retries.delayAfter(d.attemptsMade() + 1, d.endpoint().retrySchedule()).orElse(null);
        boolean throttled = r.statusCode() != null && (r.statusCode() == 429 || r.statusCode() == 503);
        if (throttled && delay != null) {
            Duration asked = retries.retryAfter(r.retryAfter(), now).orElse(null);
            if (asked != null) {
                delay = asked;
            }
        }
        String outcome = delay == null ? "failed" : "retrying";
        metrics.attempt(outcome, r.latencyMs());
        failing.add(endpointId);
        Instant next = delay == null ? null : now.plus(delay);
        return log.record(d, r, attemptedAt, outcome, delay == null ? "failed" : "pending", next)
                .invoke(() -> {
                    if (next != null) {
                        retryAt.accept(next);
                    }
                })
                .chain(() -> endpoints.recordOutcome(endpointId, false))
                .chain(since -> since != null && Duration.between(since, now).compareTo(config.disableAfter()) >= 0
                        ? disabler.disable(endpointId, "failing", since).chain(() -> forget.apply(endpointId))
                        : Uni.createFrom().voidItem());
    }
}
