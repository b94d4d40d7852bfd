package io.rpik8s.commons.drain;

import io.smallrye.mutiny.Uni;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Drains a queue or a table in rounds, one round at a time, when woken: a wake during a round asks for one more round
 * after it (nothing woken for is missed, and rounds never overlap), and a round that reports more may be waiting is
 * followed by the next at once. Used by the outbox relay and the webhook delivery worker; their timers only wake it.
 */
public final class DrainLoop {

    private final Supplier<Uni<Boolean>> round;
    private final BooleanSupplier ready;
    private final Consumer<Throwable> onFailure;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    /** Completes when the latest round ends. */
    private volatile CompletableFuture<Void> current = CompletableFuture.completedFuture(null);

    /**
     * @param round     one round of draining; emits whether more may be waiting (then the next round starts at once)
     * @param ready     whether a round could do anything now (e.g. a free slot); a wanted round waits for
     *                  {@link #resume()} while it says no
     * @param onFailure what to do with a round's failure (log it); the loop goes on with the next wake
     */
    public DrainLoop(Supplier<Uni<Boolean>> round, BooleanSupplier ready, Consumer<Throwable> onFailure) {
        this.round = round;
        this.ready = ready;
        this.onFailure = onFailure;
    }

    /** A loop whose rounds can always run. */
    public DrainLoop(Supplier<Uni<Boolean>> round, Consumer<Throwable> onFailure) {
        this(round, () -> true, onFailure);
    }

    /** Asks for a round: now, or right after the one running. */
    public void wake() {
        wanted.set(true);
        resume();
    }

    /** Runs the wanted round if none is running and the loop is ready (call when what {@code ready} reads changed). */
    public void resume() {
        if (stopped.get() || !wanted.get() || !ready.getAsBoolean() || !running.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        current = done;
        if (stopped.get()) {
            // stop() ran between the check above and here, and may have read the round before this one
            running.set(false);
            done.complete(null);
            return;
        }
        wanted.set(false);
        Uni<Boolean> next;
        try {
            next = round.get();
        } catch (RuntimeException e) {
            next = Uni.createFrom().failure(e);
        }
        next.subscribe().with(more -> finished(done, Boolean.TRUE.equals(more)), e -> {
            onFailure.accept(e);
            finished(done, false);
        });
    }

    /**
     * No round starts after this (a round running now ends as it would): for the application's shutdown, before
     * what the rounds use (the database pool, the Kafka producer) is closed under them.
     *
     * @return completes when the round running now, if any, has ended: what it took is then in the caller's hands
     */
    public CompletionStage<Void> stop() {
        stopped.set(true);
        return current;
    }

    /** Whether {@link #stop()} was called. */
    public boolean stopped() {
        return stopped.get();
    }

    /** Whether a round is running now. */
    public boolean running() {
        return running.get();
    }

    private void finished(CompletableFuture<Void> done, boolean more) {
        if (more) {
            wanted.set(true);
        }
        running.set(false);
        done.complete(null);
        resume();
    }
}
