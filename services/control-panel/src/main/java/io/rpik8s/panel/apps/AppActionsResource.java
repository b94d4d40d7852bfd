package io.rpik8s.panel.apps;

import io.rpik8s.panel.upstream.AppDtos.RollbackRequest;
import io.rpik8s.panel.upstream.AppDtos.ScaleRequest;
import io.rpik8s.panel.upstream.AppDtos.UpdateRequest;
import io.rpik8s.panel.upstream.DeploymentApi;
import io.rpik8s.panel.upstream.ServiceProblem;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

/** The changes an operator makes on an app's page; a refused change shows the page again with the reason. */
@Path("/apps/{ns}/{name}")
public class AppActionsResource {

    private final DeploymentApi deployments;
    private final AppResource pages;

    public AppActionsResource(@RestClient DeploymentApi deployments, AppResource pages) {
        this.deployments = deployments;
        this.pages = pages;
    }

    @POST
    @Path("scale")
    public Uni<Response> scale(@PathParam("ns") String ns, @PathParam("name") String name,
            @RestForm String replicas) {
        return change(ns, name, "scaled", () -> deployments.scale(ns, name,
                new ScaleRequest(DeployRequests.number("replicas", replicas))));
    }

    @POST
    @Path("restart")
    public Uni<Response> restart(@PathParam("ns") String ns, @PathParam("name") String name) {
        return change(ns, name, "restarted", () -> deployments.restart(ns, name));
    }

    @POST
    @Path("rollback")
    public Uni<Response> rollback(@PathParam("ns") String ns, @PathParam("name") String name,
            @RestForm String revision) {
        // deferred by change(): a revision that is not a number is refused on the page, like the service's problems
        return change(ns, name, "rolled-back", () -> deployments.rollback(ns, name,
                new RollbackRequest(DeployRequests.revision("revision", revision))));
    }

    @POST
    @Path("update")
    public Uni<Response> update(@PathParam("ns") String ns, @PathParam("name") String name, @RestForm String image) {
        return change(ns, name, "updated", () -> deployments.update(ns, name, new UpdateRequest(image.trim())));
    }

    @POST
    @Path("delete")
    public Uni<Response> delete(@PathParam("ns") String ns, @PathParam("name") String name,
            @RestForm String confirm) {
        if (!name.equals(confirm == null ? "" : confirm.trim())) {
            return pages.page(ns, name, null, ServiceProblem.invalid("confirm", "type the app's name, " + name
                    + ", to delete it")).map(p -> Response.status(400).entity(p).build());
        }
        return deployments.delete(ns, name)
                .map(r -> Response.seeOther(URI.create("/apps?done=deleted")).build())
                .onFailure(ServiceProblem.class).recoverWithUni(p -> refused(ns, name, (ServiceProblem) p));
    }

    private Uni<Response> change(String ns, String name, String done, Supplier<Uni<?>> call) {
        return Uni.createFrom().deferred(call)
                .map(r -> Response.seeOther(URI.create("/apps/" + ns + "/" + name + "?done=" + done)).build())
                .onFailure(ServiceProblem.class).recoverWithUni(p -> refused(ns, name, (ServiceProblem) p));
    }

    private Uni<Response> refused(String ns, String name, ServiceProblem problem) {
        return pages.page(ns, name, null, problem).map(p -> Response.status(problem.status()).entity(p).build());
    }
}
