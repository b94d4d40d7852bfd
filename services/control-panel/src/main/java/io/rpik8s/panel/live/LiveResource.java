package io.rpik8s.panel.live;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.rpik8s.panel.upstream.MonitoringApi;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Live: node, pod, alert and app changes from monitoring-service's stream, on this page and on every other one. */
@Path("/live")
public class LiveResource {

    @CheckedTemplate(basePath = "live")
    static class Templates {
        static native TemplateInstance index();
    }

    private final MonitoringApi monitoring;
    private final SseRelay relay;

    public LiveResource(@RestClient MonitoringApi monitoring, SseRelay relay) {
        this.monitoring = monitoring;
        this.relay = relay;
    }

    @GET
    public TemplateInstance page() {
        return Templates.index();
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        return relay.relay(monitoring.stream(), sse);
    }
}
