package io.rpik8s.panel.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import io.rpik8s.panel.upstream.ClusterDtos.Alert;
import io.rpik8s.panel.upstream.ClusterDtos.Node;
import io.rpik8s.panel.upstream.ClusterDtos.ServiceHealth;
import io.rpik8s.panel.upstream.ClusterDtos.Summary;
import io.rpik8s.panel.upstream.ClusterDtos.TimelineEntry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
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

/** monitoring-service's REST API (docs/api/monitoring-service.md). */
@RegisterRestClient(configKey = "monitoring")
@RegisterClientHeaders(BearerToken.class)
@Path("/api/v1")
public interface MonitoringApi {

    @GET
    @Path("/cluster/summary")
    Uni<Summary> summary();

    @GET
    @Path("/cluster/nodes")
    Uni<List<Node>> nodes();

    @GET
    @Path("/services/health")
    Uni<List<ServiceHealth>> servicesHealth();

    @GET
    @Path("/alerts")
    Uni<List<Alert>> alerts(@QueryParam("status") String status, @QueryParam("limit") Integer limit);

    @GET
    @Path("/deployments/{ns}/{name}/timeline")
    Uni<List<TimelineEntry>> timeline(@PathParam("ns") String namespace, @PathParam("name") String name,
            @QueryParam("limit") Integer limit);

    @GET
    @Path("/metrics/query_range")
    Uni<JsonNode> queryRange(@QueryParam("query") String query, @QueryParam("start") long start,
            @QueryParam("end") long end, @QueryParam("step") String step);

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    Multi<SseEvent<String>> stream();

    @ClientExceptionMapper
    static RuntimeException toProblem(Response response) {
        return ServiceProblem.from(response);
    }
}
