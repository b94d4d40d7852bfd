package io.rpik8s.storage.volume;

import io.quarkus.security.identity.SecurityIdentity;
import io.rpik8s.commons.auth.Actor;
import io.rpik8s.commons.paging.PageQuery;
import io.rpik8s.commons.problem.KubeNames;
import io.rpik8s.model.auth.Roles;
import io.rpik8s.storage.volume.VolumeDtos.CreateVolume;
import io.rpik8s.storage.volume.VolumeDtos.ExpandVolume;
import io.rpik8s.storage.volume.VolumeDtos.StorageClassView;
import io.rpik8s.storage.volume.VolumeDtos.VolumeView;
import io.rpik8s.model.api.Page;
import io.rpik8s.model.api.PageRequest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** PersistentVolumeClaims and storage classes: {@code /api/v1/storage/volumes}, {@code /api/v1/storage/classes}. */
@Path("/api/v1/storage")
@Tag(name = "Volumes", description = "PersistentVolumeClaims in the managed namespaces, and storage classes")
public class VolumeResource {

    private final VolumeService volumes;
    private final SecurityIdentity identity;

    public VolumeResource(VolumeService volumes, SecurityIdentity identity) {
        this.volumes = volumes;
        this.identity = identity;
    }

    @GET
    @Path("/volumes")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List volumes by namespace and name, one page at a time, with capacity, class, phase, "
            + "pods using them and usage")
    public Uni<Page<VolumeView>> list(@QueryParam("namespace") String namespace, @BeanParam PageQuery paging) {
        if (namespace != null) {
            KubeNames.label("namespace", namespace);
        }
        PageRequest request = paging.toRequest();
        return volumes.list(namespace).map(all -> Page.of(all, request));
    }

    @GET
    @Path("/volumes/{namespace}/{name}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One volume")
    public Uni<VolumeView> get(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        KubeNames.label("namespace", namespace);
        KubeNames.subdomain("name", name);
        return volumes.get(namespace, name);
    }

    @POST
    @Path("/volumes")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Create a PersistentVolumeClaim")
    public Uni<Response> create(@NotNull @Valid CreateVolume request) {
        return volumes.create(request, Actor.of(identity)).map(v -> Response.created(
                URI.create("/api/v1/storage/volumes/" + v.namespace() + "/" + v.name())).entity(v).build());
    }

    @POST
    @Path("/volumes/{namespace}/{name}/expand")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Grow a volume (only when its storage class allows expansion)")
    public Uni<VolumeView> expand(@PathParam("namespace") String namespace, @PathParam("name") String name,
            @NotNull @Valid ExpandVolume request) {
        KubeNames.label("namespace", namespace);
        KubeNames.subdomain("name", name);
        return volumes.expand(namespace, name, request.capacity(), Actor.of(identity));
    }

    @DELETE
    @Path("/volumes/{namespace}/{name}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Delete a volume; one used by a pod only with force=true")
    public Uni<Response> delete(@PathParam("namespace") String namespace, @PathParam("name") String name,
            @QueryParam("force") boolean force) {
        KubeNames.label("namespace", namespace);
        KubeNames.subdomain("name", name);
        return volumes.delete(namespace, name, force, Actor.of(identity)).map(v -> Response.noContent().build());
    }

    @GET
    @Path("/classes")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Storage classes with provisioner and whether they allow expansion")
    public Uni<List<StorageClassView>> classes() {
        return volumes.classes();
    }
}
