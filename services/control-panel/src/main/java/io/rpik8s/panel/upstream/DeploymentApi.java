package io.rpik8s.panel.upstream;

import io.rpik8s.panel.upstream.AppDtos.AppDetail;
import io.rpik8s.panel.upstream.AppDtos.AppSummary;
import io.rpik8s.panel.upstream.AppDtos.DeployRequest;
import io.rpik8s.panel.upstream.AppDtos.HistoryEntry;
import io.rpik8s.panel.upstream.AppDtos.KubeEvent;
import io.rpik8s.panel.upstream.AppDtos.Plugin;
import io.rpik8s.panel.upstream.AppDtos.PlatformApp;
import io.rpik8s.panel.upstream.AppDtos.Revision;
import io.rpik8s.panel.upstream.AppDtos.RollbackRequest;
import io.rpik8s.panel.upstream.AppDtos.ScaleRequest;
import io.rpik8s.panel.upstream.AppDtos.UpdateRequest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.client.SseEvent;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;

/** deployment-service's REST API (docs/api/deployment-service.md). */
@RegisterRestClient(configKey = "deployment")
@RegisterClientHeaders(BearerToken.class)
@Path("/api/v1")
public interface DeploymentApi {

    @GET
    @Path("/auth/whoami")
    Uni<WhoAmI> whoami(@HeaderParam("Authorization") String bearer);

    @GET
    @Path("/deployments")
    Uni<Page<AppSummary>> list(@QueryParam("namespace") String namespace,
            @QueryParam("labelSelector") String labelSelector, @QueryParam("size") int size);

    @GET
    @Path("/platformapps")
    Uni<List<PlatformApp>> platformApps(@QueryParam("namespace") String namespace);

    @GET
    @Path("/deployments/{ns}/{name}")
    Uni<AppDetail> get(@PathParam("ns") String namespace, @PathParam("name") String name);

    @POST
    @Path("/deployments")
    Uni<AppDetail> deploy(DeployRequest request);

    @PUT
    @Path("/deployments/{ns}/{name}")
    Uni<AppDetail> update(@PathParam("ns") String namespace, @PathParam("name") String name, UpdateRequest request);

    @POST
    @Path("/deployments/{ns}/{name}/scale")
    Uni<AppDetail> scale(@PathParam("ns") String namespace, @PathParam("name") String name, ScaleRequest request);

    @POST
    @Path("/deployments/{ns}/{name}/restart")
    Uni<AppDetail> restart(@PathParam("ns") String namespace, @PathParam("name") String name);

    @POST
    @Path("/deployments/{ns}/{name}/rollback")
    Uni<AppDetail> rollback(@PathParam("ns") String namespace, @PathParam("name") String name,
            RollbackRequest request);

    @DELETE
    @Path("/deployments/{ns}/{name}")
    Uni<Response> delete(@PathParam("ns") String namespace, @PathParam("name") String name);

    @GET
    @Path("/deployments/{ns}/{name}/revisions")
    Uni<List<Revision>> revisions(@PathParam("ns") String namespace, @PathParam("name") String name);

    @GET
    @Path("/deployments/{ns}/{name}/events")
    Uni<List<KubeEvent>> events(@PathParam("ns") String namespace, @PathParam("name") String name);

    @GET
    @Path("/deployments/{ns}/{name}/history")
    Uni<Page<HistoryEntry>> history(@PathParam("ns") String namespace, @PathParam("name") String name);

    @GET
    @Path("/deployments/{ns}/{name}/logs/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    Multi<SseEvent<String>> followLogs(@PathParam("ns") String namespace, @PathParam("name") String name,
            @QueryParam("pod") String pod, @QueryParam("tail") Integer tail);

    @GET
    @Path("/plugins")
    Uni<List<Plugin>> plugins();

    @ClientExceptionMapper
    static RuntimeException toProblem(Response response) {
        return ServiceProblem.from(response);
    }
}
