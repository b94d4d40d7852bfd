package io.rpik8s.panel.apps;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.rpik8s.panel.live.SseRelay;
import io.rpik8s.panel.upstream.AppDtos.AppDetail;
import io.rpik8s.panel.upstream.DeploymentApi;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestQuery;

/** Following one pod's log live (the service's log stream relayed to the browser). */
@Path("/apps/{ns}/{name}/logs")
public class AppLogsResource {

    @CheckedTemplate(basePath = "apps")
    static class Templates {
        static native TemplateInstance logs(AppDetail app, String pod);
    }

    private final DeploymentApi deployments;
    private final SseRelay relay;

    public AppLogsResource(@RestClient DeploymentApi deployments, SseRelay relay) {
        this.deployments = deployments;
        this.relay = relay;
    }

    @GET
    public Uni<TemplateInstance> page(@PathParam("ns") String ns, @PathParam("name") String name,
            @RestQuery String pod) {
        return deployments.get(ns, name).map(app -> Templates.logs(app, pod == null || pod.isBlank()
                ? app.pods() == null || app.pods().isEmpty() ? "" : app.pods().get(0).name() : pod));
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> follow(@PathParam("ns") String ns, @PathParam("name") String name,
            @RestQuery String pod, @Context Sse sse) {
        return relay.relay(deployments.followLogs(ns, name, pod == null || pod.isBlank() ? null : pod, 100), sse);
    }
}
