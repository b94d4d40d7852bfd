package io.rpik8s.sidecar.events;

import io.rpik8s.sidecar.platform.SseMessage;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/** The hub between the one subscription to the platform and the app's own SSE clients. */
@ApplicationScoped
public class AppEvents {

    private final BroadcastProcessor<SseMessage> hub = BroadcastProcessor.create();

    void push(SseMessage event) {
        synchronized (hub) {
            hub.onNext(event);
        }
    }

    /** Every event from now on; a client that does not read loses old events rather than holding memory. */
    public Multi<SseMessage> subscribe() {
        return hub.onOverflow().bufferUnconditionally().onOverflow().drop();
    }
}
