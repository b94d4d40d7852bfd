package io.rpik8s.monitoring.health;

import io.rpik8s.model.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The health of the ML-stack services, from the latest probes. */
@Path("/api/v1/services/health")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Platform services")
public class ServiceHealthResource {

    private final ServiceHealthProber prober;

    public ServiceHealthResource(ServiceHealthProber prober) {
        this.prober = prober;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Up/down, latency and last error of each platform service (MinIO, PostgreSQL, MLflow, ...)")
    public List<ServiceHealth> health() {
        return prober.latest();
    }
}
