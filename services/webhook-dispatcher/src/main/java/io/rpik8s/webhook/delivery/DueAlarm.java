package io.rpik8s.webhook.delivery;

import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Wakes the leasing when a delivery this instance put off (a retry, a rate limit, an open circuit) falls due, so that
 * it goes out on time instead of at the next poll, up to a poll interval later. One timer, for the earliest time; the
 * later ones wait in a bounded set (beyond it, the poll finds them).
 */
final class DueAlarm {

    /** Times closer than this share one wake-up. */
    static final long GRAIN_MS = 10;
    /** Put-off times remembered at most; an endpoint failing for long has its deliveries found by the poll instead. */
    static final int MAX_PENDING = 4096;

    private final Vertx vertx;
    private final Runnable wake;
    /** The put-off times, as epoch milliseconds rounded up to the grain; guarded by this. */
    private final NavigableSet<Long> pending = new TreeSet<>();
    private long timerId = -1;
    private long timerAt = Long.MAX_VALUE;
    private boolean cancelled;

    DueAlarm(Vertx vertx, Runnable wake) {
        this.vertx = vertx;
        this.wake = wake;
    }

    /** Wakes the leasing at {@code due}, a grain after it (the database's clock decides what is due). */
    synchronized void at(Instant due) {
        if (cancelled) {
            return;
        }
        long at = (due.toEpochMilli() / GRAIN_MS + 1) * GRAIN_MS;
        if (pending.size() >= MAX_PENDING) {
            if (at >= pending.last()) {
                return;
            }
            pending.pollLast();
        }
        pending.add(at);
        arm();
    }

    /** No wake-up after this (shutdown). */
    synchronized void cancel() {
        cancelled = true;
        pending.clear();
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
        timerAt = Long.MAX_VALUE;
    }

    private void arm() {
        Long first = pending.isEmpty() ? null : pending.first();
        if (first == null || first >= timerAt) {
            return;
        }
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        timerAt = first;
        timerId = vertx.setTimer(Math.max(1, first - System.currentTimeMillis()), this::fired);
    }

    private void fired(long id) {
        synchronized (this) {
            if (id != timerId) {
                return;
            }
            timerId = -1;
            timerAt = Long.MAX_VALUE;
            pending.headSet(System.currentTimeMillis(), true).clear();
        }
        wake.run();
        synchronized (this) {
            arm();
        }
    }
}
