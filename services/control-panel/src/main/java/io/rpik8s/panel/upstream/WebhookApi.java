package io.rpik8s.panel.upstream;

import io.rpik8s.panel.upstream.WebhookDtos.Endpoint;
import io.rpik8s.panel.upstream.WebhookDtos.EndpointRequest;
import io.rpik8s.panel.upstream.WebhookDtos.Message;
import io.rpik8s.panel.upstream.WebhookDtos.ReplayRequest;
import io.rpik8s.panel.upstream.WebhookDtos.Replayed;
import io.rpik8s.panel.upstream.WebhookDtos.TestSent;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;

/** webhook-dispatcher's REST API (docs/api/webhook-dispatcher.md). */
@RegisterRestClient(configKey = "webhooks")
@RegisterClientHeaders(BearerToken.class)
@Path("/api/v1/webhooks")
public interface WebhookApi {

    @GET
    @Path("/endpoints")
    Uni<List<Endpoint>> endpoints();

    @GET
    @Path("/endpoints/{id}")
    Uni<Endpoint> endpoint(@PathParam("id") String id);

    @POST
    @Path("/endpoints")
    Uni<Endpoint> create(EndpointRequest request);

    @PUT
    @Path("/endpoints/{id}")
    Uni<Endpoint> update(@PathParam("id") String id, EndpointRequest request);

    @POST
    @Path("/endpoints/{id}/{action}")
    Uni<Endpoint> toggle(@PathParam("id") String id, @PathParam("action") String enableOrDisable);

    @POST
    @Path("/endpoints/{id}/rotate-secret")
    Uni<Endpoint> rotate(@PathParam("id") String id, Map<String, Long> overlap);

    @POST
    @Path("/endpoints/{id}/test")
    Uni<TestSent> test(@PathParam("id") String id);

    @DELETE
    @Path("/endpoints/{id}")
    Uni<Response> delete(@PathParam("id") String id);

    @GET
    @Path("/messages")
    Uni<Page<Message>> messages(@QueryParam("endpointId") String endpointId, @QueryParam("status") String status,
            @QueryParam("size") int size);

    @GET
    @Path("/messages/{id}")
    Uni<Message> message(@PathParam("id") String id);

    @POST
    @Path("/messages/{id}/replay")
    Uni<Replayed> replay(@PathParam("id") String id, @QueryParam("endpointId") String endpointId);

    @POST
    @Path("/replay-failed")
    Uni<Replayed> replayFailed(ReplayRequest request);

    @ClientExceptionMapper
    static RuntimeException toProblem(Response response) {
        return ServiceProblem.from(response);
    }
}
