package io.rpik8s.webhook.endpoint;

import io.quarkus.security.identity.SecurityIdentity;
import io.rpik8s.commons.auth.Actor;
import io.rpik8s.model.auth.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The endpoints API: admin changes, viewer reads. */
@Path("/api/v1/webhooks/endpoints")
@Tag(name = "Webhook endpoints")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EndpointResource {

    private final EndpointService service;
    private final SecurityIdentity identity;

    public EndpointResource(EndpointService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Register an endpoint; the answer shows its signing secret, the only time it is shown")
    public Uni<Response> create(@Valid @NotNull EndpointRequest request) {
        return service.create(request).map(v -> Response.status(201).entity(v)
                .header("Location", "/api/v1/webhooks/endpoints/" + v.id()).build());
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List endpoints")
    public Uni<List<EndpointView>> list() {
        return service.list();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Get an endpoint")
    public Uni<EndpointView> get(@PathParam("id") String id) {
        return service.get(id);
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace an endpoint's settings (its secret is kept)")
    public Uni<EndpointView> update(@PathParam("id") String id, @Valid @NotNull EndpointRequest request) {
        return service.update(id, request);
    }

    @POST
    @Path("{id}/disable")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Disable an endpoint: its deliveries wait until it is enabled again")
    public Uni<EndpointView> disable(@PathParam("id") String id) {
        return service.setEnabled(id, false);
    }

    @POST
    @Path("{id}/enable")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Enable an endpoint and clear its failing streak")
    public Uni<EndpointView> enable(@PathParam("id") String id) {
        return service.setEnabled(id, true);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete an endpoint with its deliveries")
    public Uni<Response> delete(@PathParam("id") String id) {
        return service.delete(id).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("{id}/rotate-secret")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Rotate the signing secret; both secrets sign during the overlap")
    public Uni<EndpointView> rotate(@PathParam("id") String id, @Valid RotateRequest request) {
        return service.rotate(id, request);
    }

    @POST
    @Path("{id}/test")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Send a webhook.test ping to this endpoint")
    public Uni<Response> test(@PathParam("id") String id) {
        return service.test(id, Actor.of(identity))
                .map(messageId -> Response.accepted(Map.of("messageId", messageId)).build());
    }
}
