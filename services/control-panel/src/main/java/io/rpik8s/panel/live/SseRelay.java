package io.rpik8s.panel.live;

import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.jboss.resteasy.reactive.client.SseEvent;

/**
 * Passes a service's Server-Sent Events on to the browser unchanged (name and data), so the browser needs neither
 * the token nor CORS. When the service's stream ends or fails, the browser's stream ends too and EventSource
 * reconnects; when the browser goes away, the call to the service is cancelled.
 */
@ApplicationScoped
public class SseRelay {

    /** Browsers reconnect this soon after a dropped stream. */
    static final long RECONNECT_MILLIS = 1000;

    public Multi<OutboundSseEvent> relay(Multi<SseEvent<String>> upstream, Sse sse) {
        return upstream.map(e -> sse.newEventBuilder()
                .name(e.name() == null ? "message" : e.name())
                .data(e.data() == null ? "" : e.data())
                .reconnectDelay(RECONNECT_MILLIS)
                .build());
    }
}
