package io.rpik8s.monitoring.timeline;

import io.rpik8s.commons.kube.ManagedNamespaces;
import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.commons.problem.KubeNames;
import io.rpik8s.model.auth.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The rollout timeline of one deployment. */
@Path("/api/v1/deployments/{namespace}/{name}/timeline")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deployments")
public class TimelineResource {

    private final TimelineStore store;
    private final ManagedNamespaces namespaces;

    public TimelineResource(TimelineStore store, ManagedNamespaces namespaces) {
        this.store = store;
        this.namespaces = namespaces;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Deployment events of one app, oldest first, with CloudEvents id and trace id")
    public Uni<List<TimelineEntry>> timeline(@PathParam("namespace") String namespace,
            @PathParam("name") String name,
            @QueryParam("limit") @DefaultValue("200") @Min(1) @Max(1000) int limit) {
        namespaces.require("namespace", namespace);
        KubeNames.label("name", name);
        return store.of(namespace, name, limit).map(entries -> {
            if (entries.isEmpty()) {
                // Like the app's own path: an app the platform never announced is unknown, not an empty timeline.
                throw ApiProblem.notFound("No deployment events were recorded for " + namespace + "/" + name);
            }
            return entries;
        });
    }
}
