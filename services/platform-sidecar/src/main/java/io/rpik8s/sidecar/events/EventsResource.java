package io.rpik8s.sidecar.events;

import io.rpik8s.model.sidecar.SidecarApi;
import io.rpik8s.sidecar.reports.Reports;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;

/**
 * {@code GET /events}: the app's platform events as server-sent events; {@code POST /events}: an event of the app's
 * own ({@code {"type": "order.shipped", "data": {...}}}), forwarded to the platform. For the app in the same pod only.
 */
@Path("/events")
public class EventsResource {

    private final AppEvents events;
    private final Reports reports;

    public EventsResource(AppEvents events, Reports reports) {
        this.events = events;
        this.reports = reports;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> publish(String json, @HeaderParam("traceparent") String traceparent) {
        return reports.forward(SidecarApi.CUSTOM, json, traceparent, "/events");
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        Multi<OutboundSseEvent> relayed = events.subscribe().map(e -> sse.newEventBuilder().id(e.id()).name(e.name())
                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(e.data()).build());
        // A comment at once tells the app it is subscribed; then one a while keeps the connection alive.
        Multi<OutboundSseEvent> keepAlive = Multi.createBy().concatenating()
                .streams(Multi.createFrom().item(0L), Multi.createFrom().ticks().every(Duration.ofSeconds(15)))
                .map(t -> sse.newEventBuilder().comment("keep-alive").build());
        return Multi.createBy().merging().streams(keepAlive, relayed);
    }
}
