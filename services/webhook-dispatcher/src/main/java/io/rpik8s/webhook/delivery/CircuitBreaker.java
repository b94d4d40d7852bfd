package io.rpik8s.webhook.delivery;

import io.rpik8s.webhook.config.WebhookConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One breaker per endpoint, in memory: after N consecutive failures the endpoint's deliveries are held back for the
 * open period without attempts (open), then exactly one trial attempt is let through (half-open): its success closes
 * the breaker, its failure opens it for another period. In-memory on purpose: after a restart the first attempts
 * re-learn the state, and each replica learns on its own.
 */
@ApplicationScoped
public class CircuitBreaker {

    /** What the endpoint view shows. */
    public enum Circuit {
        CLOSED("closed"), OPEN("open"), HALF_OPEN("half-open");

        private final String label;

        Circuit(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final int threshold;
    private final Duration openFor;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    @Inject
    public CircuitBreaker(WebhookConfig config) {
        this(config.circuitBreaker().failureThreshold(), config.circuitBreaker().openFor());
    }

    CircuitBreaker(int threshold, Duration openFor) {
        this.threshold = threshold;
        this.openFor = openFor;
    }

    /**
     * Null when an attempt may go now (closed, or the one half-open trial), else the instant until which the delivery
     * is held back without an attempt.
     */
    public Instant admit(String endpointId, Instant now) {
        State s = states.get(endpointId);
        if (s == null) {
            return null;
        }
        synchronized (s) {
            if (s.openUntil == null) {
                return null;
            }
            if (s.openUntil.isAfter(now)) {
                return s.openUntil;
            }
            // Half-open: one trial; the others wait a little (a trial lost with its worker frees the slot again).
            if (s.trialStartedAt == null || !s.trialStartedAt.plus(openFor).isAfter(now)) {
                s.trialStartedAt = now;
                return null;
            }
            Duration wait = openFor.compareTo(Duration.ofSeconds(1)) < 0 ? openFor : Duration.ofSeconds(1);
            return now.plus(wait);
        }
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
                s.trialStartedAt = null;
            }
        }
    }

    /** An outcome that says nothing about the receiver's health (refused by the guard, gone): frees a trial slot. */
    public void neutral(String endpointId) {
        State s = states.get(endpointId);
        if (s != null) {
            synchronized (s) {
                s.trialStartedAt = null;
            }
        }
    }

    /** Forgets the endpoint (re-enabled or deleted). */
    public void reset(String endpointId) {
        states.remove(endpointId);
    }

    /** The breaker's state as the endpoint view shows it. */
    public Circuit state(String endpointId, Instant now) {
        State s = states.get(endpointId);
        if (s == null) {
            return Circuit.CLOSED;
        }
        synchronized (s) {
            if (s.openUntil == null) {
                return Circuit.CLOSED;
            }
            return s.openUntil.isAfter(now) ? Circuit.OPEN : Circuit.HALF_OPEN;
        }
    }

    /** When the breaker lets the next trial through; null unless open. */
    public Instant openUntil(String endpointId, Instant now) {
        State s = states.get(endpointId);
        if (s == null) {
            return null;
        }
        synchronized (s) {
            return s.openUntil != null && s.openUntil.isAfter(now) ? s.openUntil : null;
        }
    }

    private static final class State {
        int failures;
        Instant openUntil;
        Instant trialStartedAt;
    }
}
