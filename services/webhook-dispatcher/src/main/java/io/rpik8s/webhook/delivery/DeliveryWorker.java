package io.rpik8s.webhook.delivery;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.rpik8s.commons.drain.DrainLoop;
import io.rpik8s.webhook.config.WebhookConfig;
import io.rpik8s.webhook.store.EndpointStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Keeps a window of attempts in flight: leases due deliveries up to the free slots plus a bounded number ahead (each
 * endpoint up to its share), starts what fits the window at once and keeps the rest waiting in memory, leased, so that
 * a slot freed by a recorded outcome goes to the next delivery without a query. Deliveries recorded already leased to
 * this instance ({@link #start}) skip the lease. Looks for due deliveries on a timer, when woken, when one it put off
 * falls due, and while the last look found some; renews the leases of the waiting ones before they run out.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final DeliveryQueue queue;
    private final AttemptOutcomes outcomes;
    private final DeliveryWindow window;
    private final LeasedAhead ahead;
    private final WebhookSender sender;
    private final CircuitBreaker breaker;
    private final RateLimiter rateLimiter;
    private final EndpointStore endpoints;
    private final DeliveryMetrics metrics;
    private final WebhookConfig config;
    private final Duration lease;
    private final String owner;
    /** Leases due deliveries a round at a time, while there is room for them here. */
    private final DrainLoop leasing;
    /** Endpoints whose share was full at the last lease: a slot of theirs freeing up is worth another look. */
    private final Set<String> heldBack = ConcurrentHashMap.newKeySet();
    /** Deliveries being attempted here: one whose lease ran out mid-attempt and came back is not attempted twice. */
    private final Set<Long> attempting = ConcurrentHashMap.newKeySet();
    /**
     * Attempts answered and being recorded: they hold no slot of the window (the next request to their endpoint need
     * not wait for the database), but at most a window's worth of them go on without slowing the leasing.
     */
    private final AtomicInteger recording = new AtomicInteger();
    /** Wakes the leasing when a delivery put off here falls due, rather than at the next poll. */
    private final DueAlarm alarm;

    public DeliveryWorker(DeliveryQueue queue, AttemptOutcomes outcomes, DeliveryWindow window, WebhookSender sender,
            CircuitBreaker breaker, RateLimiter rateLimiter, EndpointStore endpoints, DeliveryMetrics metrics,
            WebhookConfig config, Vertx vertx) {
        this.queue = queue;
        this.outcomes = outcomes;
        this.window = window;
        this.ahead = new LeasedAhead(config.worker().ahead(), config.worker().aheadPerEndpoint());
        this.sender = sender;
        this.breaker = breaker;
        this.rateLimiter = rateLimiter;
        this.endpoints = endpoints;
        this.metrics = metrics;
        this.config = config;
        this.lease = leaseOf(config);
        this.owner = config.instanceId() + ":" + java.util.UUID.randomUUID();
        this.leasing = new DrainLoop(this::leaseRound, () -> room() > 0,
                e -> LOG.warnf("Leasing due deliveries failed: %s", e.getMessage()));
        this.alarm = new DueAlarm(vertx, this::wake);
    }

    /** Whether this instance is stopping: no lease, and no attempt starts, after that. */
    boolean stopping() {
        return leasing.stopped();
    }

    /** Whether a lease is under way: its deliveries are not yet waiting here nor attempted. */
    boolean leasing() {
        return leasing.running();
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
     * Shutdown: no lease, renewal or metric read after this, before the database pool closes under them (they logged
     * "Pool closed" every second until the end). The deliveries waiting here go back to the queue at once, for
     * another replica during a rolling update, instead of waiting out their lease; attempts under way end as they
     * would, and what they leave leased comes back at this instance's next start ({@link #resume}) or after the lease.
     */
    void stop(@Observes ShutdownEvent shutdown) {
        alarm.cancel();
        try {
            // A lease under way now would otherwise add its deliveries after they were handed back: they would wait
            // out their lease, held by an instance that is gone.
            Uni.createFrom().completionStage(leasing.stop()).await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warnf("The lease under way did not end in time (what it takes comes back after the lease): %s",
                    e.getMessage());
        }
        List<Long> waiting = ahead.removeEverything().stream().map(DueDelivery::id).toList();
        if (waiting.isEmpty()) {
            return;
        }
        try {
            queue.handBack(waiting, Instant.now()).await().atMost(Duration.ofSeconds(5));
            LOG.infof("Handed back %d deliveries waiting here for whichever instance runs next", waiting.size());
        } catch (RuntimeException e) {
            LOG.warnf("Handing back %d waiting deliveries failed (they come back after their lease): %s",
                    waiting.size(), e.getMessage());
        }
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
        if (leasing.stopped()) {
            return Uni.createFrom().voidItem();
        }
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
        leasing.wake();
    }

    /**
     * Starts attempts of deliveries recorded already leased to this instance; their slots are already taken. Once
     * stopping, none starts: their slots are given back and they go back to the queue, as those waiting here do.
     */
    public void start(List<DueDelivery> leased) {
        if (!leasing.stopped()) {
            leased.forEach(this::start);
            return;
        }
        leased.forEach(d -> window.release(d.endpoint().id()));
        List<Long> ids = leased.stream().map(DueDelivery::id).toList();
        if (!ids.isEmpty()) {
            queue.handBack(ids, Instant.now()).subscribe().with(n -> { }, e -> LOG.warnf(
                    "Handing back %d deliveries recorded while stopping failed (they come back after their lease): %s",
                    ids.size(), e.getMessage()));
        }
    }

    /** What one endpoint may have in flight and waiting here together. */
    private int capacity() {
        return window.perEndpoint() + ahead.perEndpoint();
    }

    /** Free slots and room to wait here, less the records beyond a window's worth still being written. */
    private int room() {
        return window.free() + ahead.room() - Math.max(0, recording.get() - window.size());
    }

    /** One lease: as many due deliveries as there is room for; emits whether there may be more. */
    private Uni<Boolean> leaseRound() {
        int room = Math.max(0, room());
        DeliveryWindow.Busy busy = load();
        long leasedAt = System.nanoTime(); // before the query: the lease runs from the database's now()
        return queue.lease(room, busy, capacity(), lease, owner).map(due -> {
            heldBack.clear();
            boolean drained = false;
            for (int i = 0; i < busy.endpointIds().size(); i++) {
                if (busy.inFlight().get(i) >= capacity()) {
                    String id = busy.endpointIds().get(i);
                    heldBack.add(id);
                    // Held back only now: its attempts may have ended while the query ran, their freed slots finding
                    // it not held back yet, and none may be left to free. Looked at after the add, so that either
                    // this or a slot freed from now on sees it half free (both remove it: one of them wakes).
                    drained |= halfFree(id) && heldBack.remove(id);
                }
            }
            for (DueDelivery d : due) {
                // Still being attempted or waiting here (its lease ran out and came back): not a second time.
                if (!attempting.contains(d.id()) && !ahead.contains(d.id())) {
                    ahead.add(d, leasedAt);
                }
            }
            startWaiting();
            return !due.isEmpty() || drained; // there may be more than fitted, or room again for a held-back one
        });
    }

    /** Whether an endpoint has at most half of what it may hold in flight and waiting here. */
    private boolean halfFree(String endpointId) {
        return window.inFlight(endpointId) + ahead.waiting(endpointId) <= capacity() / 2;
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

    /**
     * Starts waiting deliveries while the window has slots for them, endpoints in turn; none once stopping: they go
     * back to the queue ({@link #stop}).
     */
    private void startWaiting() {
        if (leasing.stopped()) {
            return;
        }
        for (DueDelivery d = ahead.next(window::tryTake); d != null; d = ahead.next(window::tryTake)) {
            start(d);
        }
    }

    private void start(DueDelivery d) {
        attempting.add(d.id());
        AtomicBoolean holdsSlot = new AtomicBoolean(true);
        Runnable answered = () -> {
            if (holdsSlot.getAndSet(false)) {
                recording.incrementAndGet();
                slotFreed(d);
            }
        };
        attempt(d, answered).subscribe().with(v -> finished(d, holdsSlot), e -> {
            LOG.warnf("Recording the attempt of delivery %d failed (retried after the lease): %s", d.id(),
                    e.getMessage());
            finished(d, holdsSlot);
        });
    }

    private void finished(DueDelivery d, AtomicBoolean holdsSlot) {
        attempting.remove(d.id());
        if (holdsSlot.getAndSet(false)) {
            slotFreed(d);
        } else {
            recording.decrementAndGet();
            leasing.resume();
        }
    }

    /** The delivery's slot of the window is free: the next waiting delivery starts, and more are leased if due. */
    private void slotFreed(DueDelivery d) {
        window.release(d.endpoint().id());
        startWaiting();
        // A held-back endpoint is leased for again once half its room is free: one lease of many rows rather than
        // one lease per finished attempt.
        String id = d.endpoint().id();
        if (heldBack.contains(id) && halfFree(id) && heldBack.remove(id)) {
            leasing.wake();
        } else {
            leasing.resume();
        }
    }

    /** Attempts {@code d}: {@code answered} runs once its request has its answer, before the outcome is recorded. */
    private Uni<Void> attempt(DueDelivery d, Runnable answered) {
        Instant now = Instant.now();
        Instant heldUntil = breaker.admit(d.endpoint().id(), now);
        if (heldUntil != null) {
            // The breaker holds back every delivery to the endpoint: those waiting here go back in one write.
            return queue.postpone(d.id(), heldUntil).chain(() -> handBack(d.endpoint().id(), heldUntil))
                    .invoke(() -> alarm.at(heldUntil));
        }
        if (!rateLimiter.tryAcquire(d.endpoint().id(), d.endpoint().rateLimitPerSecond(), System.nanoTime())) {
            if (breaker.state(d.endpoint().id(), now) == CircuitBreaker.Circuit.HALF_OPEN) {
                breaker.neutral(d.endpoint().id()); // this delivery held the trial slot: give it back
            }
            Instant next = now.plusMillis(Math.max(50, 1000 / d.endpoint().rateLimitPerSecond()));
            return queue.postpone(d.id(), next).chain(() -> handBack(d.endpoint().id(), next))
                    .invoke(() -> alarm.at(next));
        }
        return sender.send(d).invoke(answered).chain(result -> outcomes.record(d, result, now, this::forget, alarm::at));
    }
}
