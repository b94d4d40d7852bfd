package io.rpik8s.localrun;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops what the launcher started, last started first, within a time budget (Ctrl-C must end the local run in a
 * few seconds, not wait on a part that hangs), logging one line per failure and never a stack trace.
 */
final class Shutdown {

    private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);

    interface Step {
        void run() throws Exception;
    }

    private record Named(String name, Step step) {
    }

    private final Deque<Named> steps = new ArrayDeque<>();
    private final Duration budget;
    private boolean done;

    Shutdown(Duration budget) {
        this.budget = budget;
    }

    /**
     * Adds a step, to run before the steps added earlier. Once everything has stopped (a Ctrl-C during the start),
     * the step runs at once, so that nothing started late outlives the launcher.
     */
    void then(String name, Step step) {
        synchronized (this) {
            if (!done) {
                steps.push(new Named(name, step));
                return;
            }
        }
        run(new Named(name, step), budget.toMillis());
    }

    synchronized void runAll() {
        if (done) {
            return;
        }
        done = true;
        long deadline = System.nanoTime() + budget.toNanos();
        for (Named s : steps) {
            run(s, Math.max(500, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        LOG.info("Everything stopped.");
    }

    private static void run(Named s, long budgetMillis) {
        LOG.info("Stopping {}", s.name());
        CompletableFuture<Void> stop = new CompletableFuture<>();
        // A daemon thread: a step that never returns must not keep the JVM alive after the budget.
        Thread worker = new Thread(() -> {
            try {
                s.step().run();
                stop.complete(null);
            } catch (Exception | LinkageError e) {
                stop.completeExceptionally(e);
            }
        }, "stop-" + s.name());
        worker.setDaemon(true);
        worker.start();
        try {
            stop.get(budgetMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            LOG.warn("Stopping {} failed: {}", s.name(), e.getCause().getMessage());
        } catch (TimeoutException e) {
            LOG.warn("{} did not stop within {} ms; leaving it behind", s.name(), budgetMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
