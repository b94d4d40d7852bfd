package io.rpik8s.webhook.delivery;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.rpik8s.webhook.config.WebhookConfig;
import io.rpik8s.webhook.store.EndpointStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Keeps a window of attempts in flight: leases due deliveries up to the free slots (each endpoint up to its share),
 * starts each attempt at once and, when its outcome is recorded, frees its slot for the next delivery. Deliveries
 * recorded already leased to this instance ({@link #start}) skip the lease. Looks for due deliveries on a timer, when
 * woken, and while the last look found some.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final DeliveryQueue queue;
    private final AttemptLog log;
    private final DeliveryWindow window;
    private final WebhookSender sender;
    private final RetryPolicy retries;
    private final CircuitBreaker breaker;
    private final RateLimiter rateLimiter;
    private final EndpointStore endpoints;
    private final EndpointDisabler disabler;
    private final DeliveryMetrics metrics;
    private final WebhookConfig config;
    private final Duration lease;
    private final String owner;
    private final AtomicBoolean leasing = new AtomicBoolean();
    private final AtomicBoolean lookAgain = new AtomicBoolean();
    /** Endpoints whose share was full at the last lease: a slot of theirs freeing up is worth another look. */
    private final Set<String> heldBack = ConcurrentHashMap.newKeySet();
    /** Deliveries being attempted here: one whose lease ran out mid-attempt and came back is not attempted twice. */
    private final Set<Long> attempting = ConcurrentHashMap.newKeySet();
    /** Endpoints with a failing streak recorded by this instance, so that only their next success writes to them. */
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    public DeliveryWorker(DeliveryQueue queue, AttemptLog log, DeliveryWindow window, WebhookSender sender,
            RetryPolicy retries, CircuitBreaker breaker, RateLimiter rateLimiter, EndpointStore endpoints,
            EndpointDisabler disabler, DeliveryMetrics metrics, WebhookConfig config) {
        this.queue = queue;
        this.log = log;
        this.window = window;
        this.sender = sender;
        this.retries = retries;
        this.breaker = breaker;
        this.rateLimiter = rateLimiter;
        this.endpoints = endpoints;
        this.disabler = disabler;
        this.metrics = metrics;
        this.config = config;
        this.lease = leaseOf(config);
        this.owner = config.instanceId() + ":" + java.util.UUID.randomUUID();
    }

    /** Who holds the leases this instance takes: its instance id and this boot. */
    public String owner() {
        return owner;
    }

    /** At start, takes back what this instance had in flight when it last died, and attempts it now. */
    void resume(@Observes StartupEvent start) {
        queue.releaseEarlierLeases(config.instanceId(), owner)
                .subscribe().with(n -> {
                    if (n > 0) {
                        LOG.infof("Attempting again %d deliveries in flight when this instance stopped", n);
                    }
                    wake();
                }, e -> LOG.warnf("Could not release the leases of an earlier run: %s", e.getMessage()));
    }

    /**
     * The lease of a delivery being attempted: {@code worker.lease}, else what an attempt can take at most (the
     * connect and the response budget, {@code timeout} each) plus 10 s.
     */
    public static Duration leaseOf(WebhookConfig config) {
        return config.worker().lease().orElse(config.timeout().multipliedBy(2).plusSeconds(10));
    }

    @Scheduled(every = "${platform.webhooks.worker.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        wake();
        return queue.lagSeconds().invoke(metrics::lag)
                .chain(() -> endpoints.countDisabled()).invoke(metrics::disabledEndpoints)
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Looks for due deliveries now, or right after the look in progress. */
    public void wake() {
        lookAgain.set(true);
        leaseMore();
    }

    /** Starts attempts of deliveries recorded already leased to this instance; their slots are already taken. */
    public void start(List<DueDelivery> leased) {
        leased.forEach(this::start);
    }

    private void leaseMore() {
        if (window.free() == 0 || !lookAgain.get() || !leasing.compareAndSet(false, true)) {
            return;
        }
        lookAgain.set(false);
        int free = window.free();
        DeliveryWindow.Busy busy = window.busy();
        queue.lease(free, busy, window.perEndpoint(), lease, owner).subscribe().with(due -> {
            heldBack.clear();
            for (int i = 0; i < busy.endpointIds().size(); i++) {
                if (busy.inFlight().get(i) >= window.perEndpoint()) {
                    heldBack.add(busy.endpointIds().get(i));
                }
            }
            if (!due.isEmpty()) {
                lookAgain.set(true); // there may be more than fitted
            }
            for (DueDelivery d : due) {
                if (attempting.contains(d.id())) {
                    continue; // still being attempted here; its outcome will be recorded by that attempt
                }
                if (window.tryTake(d.endpoint().id())) {
                    start(d);
                } else {
                    // Recorded deliveries took the slot meanwhile: hand the lease back.
                    queue.postpone(d.id(), Instant.now()).subscribe().with(v -> { }, e -> { });
                }
            }
            leased();
        }, e -> {
            LOG.warnf("Leasing due deliveries failed: %s", e.getMessage());
            leased();
        });
    }

    private void leased() {
        leasing.set(false);
        if (lookAgain.get()) {
            leaseMore();
        }
    }

    private void start(DueDelivery d) {
        attempting.add(d.id());
        attempt(d).subscribe().with(v -> finished(d), e -> {
            LOG.warnf("Recording the attempt of delivery %d failed (retried after the lease): %s", d.id(),
                    e.getMessage());
            finished(d);
        });
    }

    private void finished(DueDelivery d) {
        attempting.remove(d.id());
        window.release(d.endpoint().id());
        // A held-back endpoint is leased for again once half its share is free: one lease of many rows rather than
        // one lease per finished attempt.
        String id = d.endpoint().id();
        if (heldBack.contains(id) && window.inFlight(id) <= window.perEndpoint() / 2 && heldBack.remove(id)) {
            lookAgain.set(true);
        }
        leaseMore();
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
        return sender.send(d).chain(result -> record(d, result, now));
    }

    private Uni<Void> record(DueDelivery d, AttemptResult r, Instant attemptedAt) {
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
        failing.add(endpointId);
        return log.record(d, r, attemptedAt, outcome, delay == null ? "failed" : "pending",
                        delay == null ? null : now.plus(delay))
                .chain(() -> endpoints.recordOutcome(endpointId, false))
                .chain(since -> since != null && Duration.between(since, now).compareTo(config.disableAfter()) >= 0
                        ? disabler.disable(endpointId, "failing", since)
                        : Uni.createFrom().voidItem());
    }
}
