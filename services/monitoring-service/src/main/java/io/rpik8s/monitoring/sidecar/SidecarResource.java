package io.rpik8s.monitoring.sidecar;

import io.quarkus.security.identity.SecurityIdentity;
import io.rpik8s.model.events.EventJson;
import io.rpik8s.model.plugin.AppRef;
import io.rpik8s.model.sidecar.CustomEvent;
import io.rpik8s.model.sidecar.HealthReport;
import io.rpik8s.model.sidecar.SidecarApi;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The API of app sidecars ({@code platform-sidecar}): an app's own events out, its health and custom events in.
 * Authenticated with the sidecar pod's service-account token; each call is for the app of that pod only.
 */
@Path(SidecarApi.BASE)
@Tag(name = "Sidecars")
@RolesAllowed(SidecarCaller.ROLE)
public class SidecarResource {

    private final SidecarApps apps;
    private final SidecarFeed feed;
    private final SidecarReports reports;
    private final SecurityIdentity identity;

    public SidecarResource(SidecarApps apps, SidecarFeed feed, SidecarReports reports, SecurityIdentity identity) {
        this.apps = apps;
        this.feed = feed;
        this.reports = reports;
        this.identity = identity;
    }

    @GET
    @Path(SidecarApi.EVENTS)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "The app's deployment events and the alerts about its pods (SSE named by event type)")
    public Multi<OutboundSseEvent> events(@PathParam("namespace") String namespace, @PathParam("name") String name,
            @Context Sse sse) {
        AppRef app = new AppRef(namespace, name);
        apps.require(identity, app);
        Multi<OutboundSseEvent> events = feed.of(app).map(e -> sse.newEventBuilder().id(e.id())
                .name(e.data().event()).mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(EventJson.write(e.data())).build());
        // The heartbeat opens the stream at once (the sidecar knows it is subscribed) and keeps it alive.
        Multi<OutboundSseEvent> heartbeat = Multi.createBy().concatenating()
                .streams(Multi.createFrom().item(0L), Multi.createFrom().ticks().every(Duration.ofSeconds(15)))
                .map(t -> sse.newEventBuilder().name(SidecarApi.HEARTBEAT).data("{}").build());
        return Multi.createBy().merging().streams(heartbeat, events);
    }

    @POST
    @Path(SidecarApi.HEALTH)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish the app's health as app.health_reported; 202 with the event id")
    public Uni<Response> health(@PathParam("namespace") String namespace, @PathParam("name") String name,
            HealthReport report) {
        AppRef app = new AppRef(namespace, name);
        return reports.health(apps.require(identity, app), app, report).map(SidecarResource::accepted);
    }

    @POST
    @Path(SidecarApi.CUSTOM)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish an event of the app's own as app.custom; 202 with the event id")
    public Uni<Response> custom(@PathParam("namespace") String namespace, @PathParam("name") String name,
            CustomEvent event) {
        AppRef app = new AppRef(namespace, name);
        return reports.custom(apps.require(identity, app), app, event).map(SidecarResource::accepted);
    }

    private static Response accepted(io.rpik8s.model.events.EventEnvelope envelope) {
        return Response.accepted(Map.of("id", envelope.id(), "type", envelope.type())).build();
    }
}
