package io.rpik8s.examples.myservice.backup;

import io.rpik8s.commons.kube.ManagedNamespaces;
import io.rpik8s.commons.paging.PageQuery;
import io.rpik8s.commons.problem.KubeNames;
import io.rpik8s.examples.myservice.backup.BackupDtos.BackupView;
import io.rpik8s.examples.myservice.backup.BackupDtos.CreateBackup;
import io.rpik8s.examples.myservice.config.MyServiceConfig;
import io.rpik8s.model.api.Page;
import io.rpik8s.model.auth.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Backups of volumes to buckets: {@code /api/v1/backups/{namespace}}. */
@Path("/api/v1/backups/{namespace}")
@Tag(name = "Backups", description = "Scheduled copies of volumes to buckets")
public class BackupResource {

    private final BackupService backups;
    private final ManagedNamespaces namespaces;

    public BackupResource(BackupService backups, MyServiceConfig config) {
        this.backups = backups;
        this.namespaces = ManagedNamespaces.of(config.namespaces());
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List the namespace's Backups by name, one page at a time")
    public Uni<Page<BackupView>> list(@PathParam("namespace") String namespace, @BeanParam PageQuery paging) {
        return backups.list(managed(namespace), paging.toRequest());
    }

    // tag::endpoint[]
    @GET
    @Path("/{name}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One Backup and whether its CronJob is in place")
    public Uni<BackupView> get(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        return backups.get(managed(namespace), KubeNames.label("name", name));
    }
    // end::endpoint[]

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Schedule a Backup of a volume to a bucket")
    public Uni<Response> create(@PathParam("namespace") String namespace, @NotNull CreateBackup request) {
        return backups.create(managed(namespace), request).map(b -> Response
                .created(URI.create("/api/v1/backups/" + namespace + "/" + b.name())).entity(b).build());
    }

    private String managed(String namespace) {
        return namespaces.require("namespace", namespace);
    }
}
