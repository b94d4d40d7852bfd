package io.rpik8s.deployment.api;

import io.rpik8s.deployment.plugin.PluginRegistry;
import io.rpik8s.model.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The deployment plugins this service hosts. */
@Path("/api/v1/plugins")
@Tag(name = "Plugins")
@Produces(MediaType.APPLICATION_JSON)
public class PluginResource {

    private final PluginRegistry registry;

    public PluginResource(PluginRegistry registry) {
        this.registry = registry;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "The deployment plugins with their status")
    public List<PluginRegistry.PluginStatus> list() {
        return registry.all();
    }
}
