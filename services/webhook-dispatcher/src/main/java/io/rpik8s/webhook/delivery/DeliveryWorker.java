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
 * Keeps a window of attempts in flight: leases due deliveries up to the free slots plus a bounded number ahead (each
 * endpoint up to its share), starts what fits the window at once and keeps the rest waiting in memory, leased, so that
 * a slot freed by a recorded outcome goes to the next delivery without a query. Deliveries recorded already leased to
 * this instance ({@link #start}) skip the lease. Looks for due deliveries on a timer, when woken, and while the last
 * look found some; renews the leases of the waiting ones before they run out.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final DeliveryQueue queue;
    private final AttemptLog log;
    private final DeliveryWindow window;
    private final LeasedAhead ahead;
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
        this.ahead = new LeasedAhead(config.worker().ahead(), config.worker().aheadPerEndpoint());
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
        return renewWaiting().chain(queue::lagSeconds).invoke(metrics::lag)
                .chain(() -> endpoints.countDisabled()).invoke(metrics::disabledEndpoints)
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * Renews the leases of waiting deliveries a third through theirs (the timer may run late under load); drops those
     * whose lease was lost.
     */
    private Uni<Void> renewWaiting() {
        long now = System.nanoTime();
        List<Long> ids = ahead.leasedBefore(now - lease.toNanos() / 3);
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return queue.renew(ids, lease, owner).invoke(renewed -> ahead.renewed(ids, renewed, now))
                .onFailure().invoke(e -> LOG.warnf("Renewing the leases of %d waiting deliveries failed: %s",
                        ids.size(), e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * Hands back the deliveries waiting here for an endpoint (disabled, changed or deleted): the queue gives them to
     * whichever worker leases them next, with the endpoint as it is then.
     */
    public Uni<Void> forget(String endpointId) {
        return handBack(endpointId, Instant.now());
    }

    private Uni<Void> handBack(String endpointId, Instant until) {
        List<Long> ids = ahead.removeAll(endpointId).stream().map(DueDelivery::id).toList();
        return queue.handBack(ids, until).onFailure().invoke(e -> LOG.warnf(
                "Handing back %d deliveries failed (they come back after their lease): %s", ids.size(),
                e.getMessage())).onFailure().recoverWithNull();
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

    /** What one endpoint may have in flight and waiting here together. */
    private int capacity() {
        return window.perEndpoint() + ahead.perEndpoint();
    }

    private void leaseMore() {
        int room = window.free() + ahead.room();
        if (room <= 0 || !lookAgain.get() || !leasing.compareAndSet(false, true)) {
            return;
        }
        lookAgain.set(false);
        DeliveryWindow.Busy busy = load();
        long leasedAt = System.nanoTime(); // before the query: the lease runs from the database's now()
        queue.lease(room, busy, capacity(), lease, owner).subscribe().with(due -> {
            heldBack.clear();
            for (int i = 0; i < busy.endpointIds().size(); i++) {
                if (busy.inFlight().get(i) >= capacity()) {
                    heldBack.add(busy.endpointIds().get(i));
                }
            }
            if (!due.isEmpty()) {
                lookAgain.set(true); // there may be more than fitted
            }
            for (DueDelivery d : due) {
                // Still being attempted or waiting here (its lease ran out and came back): not a second time.
                if (!attempting.contains(d.id()) && !ahead.contains(d.id())) {
                    ahead.add(d, leasedAt);
                }
            }
            startWaiting();
            leased();
        }, e -> {
            LOG.warnf("Leasing due deliveries failed: %s", e.getMessage());
            leased();
        });
    }

    /** Attempts in flight plus deliveries waiting here, per endpoint. */
    private DeliveryWindow.Busy load() {
        java.util.Map<String, Integer> n = new java.util.HashMap<>();
        DeliveryWindow.Busy inFlight = window.busy();
        for (int i = 0; i < inFlight.endpointIds().size(); i++) {
            n.merge(inFlight.endpointIds().get(i), inFlight.inFlight().get(i), Integer::sum);
        }
        ahead.counts().forEach((id, waiting) -> n.merge(id, waiting, Integer::sum));
        List<String> ids = List.copyOf(n.keySet());
        return new DeliveryWindow.Busy(ids, ids.stream().map(n::get).toList());
    }

    /** Starts waiting deliveries while the window has slots for them, endpoints in turn. */
    private void startWaiting() {
        for (DueDelivery d = ahead.next(window::tryTake); d != null; d = ahead.next(window::tryTake)) {
            start(d);
        }
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
        startWaiting();
        // A held-back endpoint is leased for again once half its room is free: one lease of many rows rather than
        // one lease per finished attempt.
        String id = d.endpoint().id();
        if (heldBack.contains(id) && window.inFlight(id) + ahead.waiting(id) <= capacity() / 2
                && heldBack.remove(id)) {
            lookAgain.set(true);
        }
        leaseMore();
    }

    private Uni<Void> attempt(DueDelivery d) {
        Instant now = Instant.now();
        Instant heldUntil = breaker.admit(d.endpoint().id(), now);
        if (heldUntil != null) {
            // The breaker holds back every delivery to the endpoint: those waiting here go back in one write.
            return queue.postpone(d.id(), heldUntil).chain(() -> handBack(d.endpoint().id(), heldUntil));
        }
        if (!rateLimiter.tryAcquire(d.endpoint().id(), d.endpoint().rateLimitPerSecond(), System.nanoTime())) {
            if (breaker.state(d.endpoint().id(), now) == CircuitBreaker.Circuit.HALF_OPEN) {
                breaker.neutral(d.endpoint().id()); // this delivery held the trial slot: give it back
            }
            Instant next = now.plusMillis(Math.max(50, 1000 / d.endpoint().rateLimitPerSecond()));
            return queue.postpone(d.id(), next).chain(() -> handBack(d.endpoint().id(), next));
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
                    .chain(() -> disabler.disable(endpointId, "gone", now)).chain(() -> forget(endpointId));
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
                        ? disabler.disable(endpointId, "failing", since).chain(() -> forget(endpointId))
                        : Uni.createFrom().voidItem());
    }
}
