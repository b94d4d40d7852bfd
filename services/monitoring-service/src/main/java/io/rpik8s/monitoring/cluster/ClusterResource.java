package io.rpik8s.monitoring.cluster;

import io.rpik8s.commons.kube.ManagedNamespaces;
import io.rpik8s.commons.paging.PageQuery;
import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.commons.problem.KubeNames;
import io.rpik8s.model.api.Page;
import io.rpik8s.model.auth.Roles;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Nodes, pods and the cluster summary, served from the informer cache (no blocking call, so on the event loop). */
@Path("/api/v1/cluster")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cluster")
@NonBlocking
public class ClusterResource {

    private final ClusterViews views;
    private final ManagedNamespaces namespaces;

    public ClusterResource(ClusterViews views, ManagedNamespaces namespaces) {
        this.views = views;
        this.namespaces = namespaces;
    }

    @GET
    @Path("/summary")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Nodes ready, pods by phase, restarts, requests vs allocatable, hottest Pi, active alerts")
    public ClusterSummary summary() {
        return views.summary();
    }

    @GET
    @Path("/nodes")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Every node with conditions, capacity and Raspberry Pi temperature and throttling")
    public List<NodeView> nodes() {
        return views.nodes();
    }

    @GET
    @Path("/nodes/{name}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One node with its pods")
    public NodeView node(@PathParam("name") String name) {
        return views.node(KubeNames.subdomain("name", name));
    }

    @GET
    @Path("/pods")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Pods of the shown namespaces, filtered by namespace, node, phase and label (key=value), paginated")
    public Page<PodView> pods(@QueryParam("namespace") String namespace, @QueryParam("node") String node,
            @QueryParam("phase") @Pattern(regexp = "(?i)Pending|Running|Succeeded|Failed|Unknown",
                    message = "must be Pending, Running, Succeeded, Failed or Unknown") String phase,
            @QueryParam("label") List<String> label, @BeanParam PageQuery paging) {
        if (namespace != null) {
            namespaces.require("namespace", namespace);
        }
        if (node != null) {
            KubeNames.subdomain("node", node);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (String l : label == null ? List.<String>of() : label) {
            int eq = l.indexOf('=');
            if (eq <= 0) {
                throw ApiProblem.invalid("label", "must be key=value");
            }
            labels.put(l.substring(0, eq), l.substring(eq + 1));
        }
        return views.pods(namespace, node, phase, labels, paging.toRequest());
    }
}
