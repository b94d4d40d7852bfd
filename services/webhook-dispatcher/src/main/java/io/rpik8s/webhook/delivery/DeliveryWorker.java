package io.rpik8s.webhook.delivery;

import io.quarkus.scheduler.Scheduled;
import io.rpik8s.webhook.config.WebhookConfig;
import io.rpik8s.webhook.endpoint.EndpointStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Drains the delivery queue: leases due deliveries, attempts them concurrently and records each outcome. Runs on a
 * timer and when woken by a newly recorded message; one drain at a time per instance.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final DeliveryQueue queue;
    private final WebhookSender sender;
    private final RetryPolicy retries;
    private final CircuitBreaker breaker;
    private final RateLimiter rateLimiter;
    private final EndpointStore endpoints;
    private final EndpointDisabler disabler;
    private final DeliveryMetrics metrics;
    private final WebhookConfig config;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean wakeRequested = new AtomicBoolean();

    public DeliveryWorker(DeliveryQueue queue, WebhookSender sender, RetryPolicy retries, CircuitBreaker breaker,
            RateLimiter rateLimiter, EndpointStore endpoints, EndpointDisabler disabler, DeliveryMetrics metrics,
            WebhookConfig config) {
        this.queue = queue;
        this.sender = sender;
        this.retries = retries;
        this.breaker = breaker;
        this.rateLimiter = rateLimiter;
        this.endpoints = endpoints;
        this.disabler = disabler;
        this.metrics = metrics;
        this.config = config;
    }

    @Scheduled(every = "${platform.webhooks.worker.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        wake();
        return queue.lagSeconds().invoke(metrics::lag)
                .chain(() -> endpoints.countDisabled()).invoke(metrics::disabledEndpoints)
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Starts a drain now, or asks the running one to look again when it finishes. */
    public void wake() {
        wakeRequested.set(true);
        if (draining.compareAndSet(false, true)) {
            drain().subscribe().with(v -> finished(), e -> {
                LOG.warnf("Delivery drain failed: %s", e.getMessage());
                finished();
            });
        }
    }

    private void finished() {
        draining.set(false);
        if (wakeRequested.get()) {
            wake();
        }
    }

    private Uni<Void> drain() {
        wakeRequested.set(false);
        WebhookConfig.Worker w = config.worker();
        return queue.lease(w.batchSize(), w.lease()).chain(batch -> {
            if (batch.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<Uni<Void>> attempts = batch.stream().map(this::attempt).toList();
            return Uni.join().all(attempts).andCollectFailures().replaceWithVoid()
                    .onFailure().recoverWithNull()
                    .invoke(() -> {
                        if (batch.size() == w.batchSize()) {
                            wakeRequested.set(true);
                        }
                    });
        });
    }

    private Uni<Void> attempt(DueDelivery d) {
        Instant now = Instant.now();
        Instant heldUntil = breaker.admit(d.endpoint().id(), now);
        if (heldUntil != null) {
            return queue.postpone(d.id(), heldUntil);
        }
        if (!rateLimiter.tryAcquire(d.endpoint().id(), d.endpoint().rateLimitPerSecond(), System.nanoTime())) {
            if (breaker.state(d.endpoint().id(), now) == CircuitBreaker.Circuit.HALF_OPEN) {
                breaker.neutral(d.endpoint().id()); // this delivery held the trial slot: give it back
            }
            return queue.postpone(d.id(), now.plusMillis(Math.max(50, 1000 / d.endpoint().rateLimitPerSecond())));
        }
        return sender.send(d).chain(result -> record(d, result));
    }

    private Uni<Void> record(DueDelivery d, AttemptResult r) {
        Instant now = Instant.now();
        String endpointId = d.endpoint().id();
        if (r.success()) {
            breaker.success(endpointId);
            metrics.attempt("succeeded", r.latencyMs());
            return queue.recordAttempt(d, r, "succeeded", "succeeded", null)
                    .chain(() -> endpoints.recordOutcome(endpointId, true)).replaceWithVoid();
        }
        if (r.blocked()) {
            breaker.neutral(endpointId);
            // A refused address will not become acceptable by waiting: fail at once.
            metrics.attempt("blocked", r.latencyMs());
            return queue.recordAttempt(d, r, "blocked", "failed", null);
        }
        if (r.statusCode() != null && r.statusCode() == 410) {
            breaker.neutral(endpointId);
            metrics.attempt("gone", r.latencyMs());
            return queue.recordAttempt(d, r, "gone", "failed", null)
                    .chain(() -> disabler.disable(endpointId, "gone", now));
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
        return queue.recordAttempt(d, r, outcome, delay == null ? "failed" : "pending",
                        delay == null ? null : now.plus(delay))
                .chain(() -> endpoints.recordOutcome(endpointId, false))
                .chain(since -> since != null && Duration.between(since, now).compareTo(config.disableAfter()) >= 0
                        ? disabler.disable(endpointId, "failing", since)
                        : Uni.createFrom().voidItem());
    }
}
