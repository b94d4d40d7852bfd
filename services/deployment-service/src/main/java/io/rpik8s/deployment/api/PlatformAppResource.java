package io.rpik8s.deployment.api;

import io.rpik8s.deployment.config.AppsConfig;
import io.rpik8s.deployment.kube.NamespaceGuard;
import io.rpik8s.deployment.status.PlatformAppCatalog;
import io.rpik8s.deployment.status.PlatformAppSummary;
import io.rpik8s.model.auth.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The PlatformApp custom resources, read-only: they are changed with kubectl or GitOps, not through this API. */
@Path("/api/v1/platformapps")
@Tag(name = "PlatformApps")
@Produces(MediaType.APPLICATION_JSON)
public class PlatformAppResource {

    private final PlatformAppCatalog catalog;
    private final NamespaceGuard namespaces;
    private final AppsConfig config;

    public PlatformAppResource(PlatformAppCatalog catalog, NamespaceGuard namespaces, AppsConfig config) {
        this.catalog = catalog;
        this.namespaces = namespaces;
        this.config = config;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "PlatformApps of one managed namespace (all when absent) with their Ready condition")
    public Uni<List<PlatformAppSummary>> list(@QueryParam("namespace") String namespace) {
        if (namespace != null) {
            namespaces.requireManaged(namespace);
        }
        return catalog.list(namespace == null ? config.managedNamespaces() : List.of(namespace));
    }
}
