package io.rpik8s.webhook.log;

import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.model.api.Page;
import io.rpik8s.model.auth.Roles;
import io.rpik8s.webhook.delivery.DeliveryWorker;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The delivery log: messages, attempts, and replay of failed deliveries. */
@Path("/api/v1/webhooks")
@Tag(name = "Webhook delivery log")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryLogResource {

    private final DeliveryLog log;
    private final DeliveryWorker worker;

    public DeliveryLogResource(DeliveryLog log, DeliveryWorker worker) {
        this.log = log;
        this.worker = worker;
    }

    @GET
    @Path("messages")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List messages with their delivery states, newest first")
    public Uni<Page<MessageView>> messages(@BeanParam LogQuery query) {
        return log.messages(query, query.pageRequest());
    }

    @GET
    @Path("messages/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Get a message with its deliveries and every attempt")
    public Uni<MessageView> message(@PathParam("id") String id) {
        return log.message(id).map(m -> {
            if (m == null) {
                throw ApiProblem.notFound("Message " + id + " does not exist");
            }
            return m;
        });
    }

    @GET
    @Path("attempts")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List delivery attempts, newest first")
    public Uni<Page<AttemptView>> attempts(@BeanParam LogQuery query) {
        return log.attempts(query, query.pageRequest());
    }

    @POST
    @Path("messages/{id}/replay")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Deliver a message again (to one endpoint or all of its endpoints)")
    public Uni<Response> replay(@PathParam("id") String id, @QueryParam("endpointId") String endpointId) {
        return log.message(id).chain(m -> {
            if (m == null) {
                throw ApiProblem.notFound("Message " + id + " does not exist");
            }
            return log.replay(id, endpointId);
        }).map(this::accepted);
    }

    @POST
    @Path("replay-failed")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Deliver again every failed delivery of messages recorded since a time")
    public Uni<Response> replayFailed(@Valid @NotNull ReplayRequest request) {
        return log.replayFailed(request.since(), request.endpointId()).map(this::accepted);
    }

    private Response accepted(int count) {
        if (count > 0) {
            worker.wake();
        }
        return Response.accepted(Map.of("replayed", count)).build();
    }
}
