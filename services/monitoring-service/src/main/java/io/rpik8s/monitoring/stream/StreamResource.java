package io.rpik8s.monitoring.stream;

import io.rpik8s.model.auth.Roles;
import io.rpik8s.model.events.EventJson;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Server-Sent Events: node, pod, alert and deployment changes as they happen, with a heartbeat for proxies. */
@Path("/api/v1/stream")
@Tag(name = "Live updates")
public class StreamResource {

    private final LiveUpdates updates;

    public StreamResource(LiveUpdates updates) {
        this.updates = updates;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Live node, pod, alert and deployment changes (SSE; the event name is the kind)")
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        Multi<OutboundSseEvent> changes = updates.subscribe().map(u -> sse.newEventBuilder().name(u.kind())
                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(json(u)).build());
        // The heartbeat opens the stream at once and keeps idle connections alive through proxies.
        Multi<OutboundSseEvent> heartbeat = Multi.createBy().concatenating()
                .streams(Multi.createFrom().item(0L), Multi.createFrom().ticks().every(Duration.ofSeconds(15)))
                .map(t -> sse.newEventBuilder().name("heartbeat").data("{}").build());
        return Multi.createBy().merging().streams(heartbeat, changes);
    }

    private static String json(LiveUpdate u) {
        try {
            return EventJson.mapper().writeValueAsString(u);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
