package io.rpik8s.webhook.delivery;

import io.rpik8s.webhook.config.WebhookConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One breaker per endpoint, in memory: after N consecutive failures deliveries are held back for a while, then one
 * trial attempt decides. In-memory on purpose: after a restart the first attempt re-learns the state.
 */
@ApplicationScoped
public class CircuitBreaker {

    private final int threshold;
    private final java.time.Duration openFor;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    public CircuitBreaker(WebhookConfig config) {
        this.threshold = config.circuitBreaker().failureThreshold();
        this.openFor = config.circuitBreaker().openFor();
    }

    /** When the breaker is open, the instant it lets a trial attempt through; null when closed. */
    public Instant openUntil(String endpointId, Instant now) {
        State s = states.get(endpointId);
        return s != null && s.openUntil != null && s.openUntil.isAfter(now) ? s.openUntil : null;
    }

    public void success(String endpointId) {
        states.remove(endpointId);
    }

    public void failure(String endpointId, Instant now) {
        State s = states.computeIfAbsent(endpointId, id -> new State());
        synchronized (s) {
            s.failures++;
            if (s.failures >= threshold) {
                s.openUntil = now.plus(openFor);
            }
        }
    }

    private static final class State {
        int failures;
        Instant openUntil;
    }
}
