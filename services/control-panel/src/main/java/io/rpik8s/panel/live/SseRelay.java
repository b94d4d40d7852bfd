package io.rpik8s.panel.live;

import io.rpik8s.panel.config.PanelConfig;
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

    private final PanelConfig config;

    public SseRelay(PanelConfig config) {
        this.config = config;
    }

    /**
     * The service's events for at most {@code platform.panel.live-stream-max-duration}, then a {@code reconnect}
     * event (the page knows the end is planned) and the end of the stream: the browser reconnects, and its session
     * cookie is checked again.
     */
    public Multi<OutboundSseEvent> relay(Multi<SseEvent<String>> upstream, Sse sse) {
        Multi<OutboundSseEvent> relayed = upstream.map(e -> sse.newEventBuilder()
                .name(e.name() == null ? "message" : e.name())
                .data(e.data() == null ? "" : e.data())
                .reconnectDelay(RECONNECT_MILLIS)
                .build())
                .select().first(config.liveStreamMaxDuration());
        return Multi.createBy().concatenating().streams(relayed, Multi.createFrom().item(() ->
                sse.newEventBuilder().name("reconnect").data("{}").reconnectDelay(RECONNECT_MILLIS).build()));
    }
}
