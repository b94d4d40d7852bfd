package io.rpik8s.localrun;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops what the launcher started, in a fixed order, logging one line per failure and never a stack trace. */
final class Shutdown {

    private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);

    interface Step {
        void run() throws Exception;
    }

    private record Named(String name, Step step) {
    }

    private final List<Named> steps = new ArrayList<>();
    private boolean done;

    /** Adds a step; steps run in the order they were added. */
    synchronized void then(String name, Step step) {
        steps.add(new Named(name, step));
    }

    synchronized void runAll() {
        if (done) {
            return;
        }
        done = true;
        for (Named s : steps) {
            try {
                LOG.info("Stopping {}", s.name());
                s.step().run();
            } catch (Exception | LinkageError e) {
                LOG.warn("Stopping {} failed: {}", s.name(), e.getMessage());
            }
        }
        LOG.info("Everything stopped.");
    }
}
