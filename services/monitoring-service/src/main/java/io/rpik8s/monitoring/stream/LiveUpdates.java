package io.rpik8s.monitoring.stream;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/** The in-memory hub between the informers, the alert engine and the deployment consumer on one side and SSE clients on the other. */
@ApplicationScoped
public class LiveUpdates {

    private final BroadcastProcessor<LiveUpdate> hub = BroadcastProcessor.create();

    public void push(LiveUpdate update) {
        // BroadcastProcessor is not thread-safe for concurrent onNext: informer and Kafka threads both push.
        synchronized (hub) {
            hub.onNext(update);
        }
    }

    /** Every update from now on; a slow client loses old updates rather than holding memory. */
    public Multi<LiveUpdate> subscribe() {
        return hub.onOverflow().bufferUnconditionally().onOverflow().drop();
    }
}
