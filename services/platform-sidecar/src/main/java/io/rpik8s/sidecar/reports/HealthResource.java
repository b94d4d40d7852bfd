package io.rpik8s.sidecar.reports;

import io.rpik8s.model.sidecar.SidecarApi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code POST /health}: the app's health ({@code {"status": "healthy|degraded|unhealthy", "message": ...}}). */
@Path("/health")
public class HealthResource {

    private final Reports reports;

    public HealthResource(Reports reports) {
        this.reports = reports;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> report(String json, @HeaderParam("traceparent") String traceparent) {
        return reports.forward(SidecarApi.HEALTH, json, traceparent, "/health");
    }
}
