package io.rpik8s.panel.storage;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.rpik8s.panel.upstream.ServiceProblem;
import io.rpik8s.panel.upstream.StorageApi;
import io.rpik8s.panel.upstream.StorageDtos.ExpandRequest;
import io.rpik8s.panel.upstream.StorageDtos.Volume;
import io.rpik8s.panel.upstream.StorageDtos.VolumeRequest;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/** Volumes (persistent volume claims) with usage bars: create, expand, delete. */
@Path("/storage/volumes")
public class VolumesResource {

    @CheckedTemplate(basePath = "storage")
    static class Templates {
        static native TemplateInstance volumes(List<Volume> volumes, String done, VolumeRequest form,
                ServiceProblem problem);
    }

    private static final VolumeRequest EMPTY = new VolumeRequest("", "default", "1Gi", "");

    private final StorageApi storage;

    public VolumesResource(@RestClient StorageApi storage) {
        this.storage = storage;
    }

    @GET
    public Uni<TemplateInstance> volumes(@RestQuery String done) {
        return storage.volumes(500).map(p -> Templates.volumes(p.items(), done, EMPTY, ServiceProblem.NONE));
    }

    @POST
    public Uni<Response> create(@RestForm String name, @RestForm String namespace, @RestForm String capacity,
            @RestForm String storageClass) {
        VolumeRequest form = new VolumeRequest(name.trim(), namespace.trim(), capacity.trim(),
                storageClass == null || storageClass.isBlank() ? null : storageClass.trim());
        return change("volume-created", form, () -> storage.createVolume(form));
    }

    @POST
    @Path("{ns}/{name}/expand")
    public Uni<Response> expand(@PathParam("ns") String ns, @PathParam("name") String name,
            @RestForm String capacity) {
        return change("volume-expanded", EMPTY, () -> storage.expandVolume(ns, name, new ExpandRequest(capacity)));
    }

    @POST
    @Path("{ns}/{name}/delete")
    public Uni<Response> delete(@PathParam("ns") String ns, @PathParam("name") String name,
            @RestForm boolean force) {
        return change("volume-deleted", EMPTY, () -> storage.deleteVolume(ns, name, force));
    }

    private Uni<Response> change(String done, VolumeRequest form, Supplier<Uni<?>> call) {
        return Uni.createFrom().deferred(call)
                .map(r -> Response.seeOther(URI.create("/storage/volumes?done=" + done)).build())
                .onFailure(ServiceProblem.class).recoverWithUni(p -> storage.volumes(500).map(page -> Response
                        .status(((ServiceProblem) p).status())
                        .entity(Templates.volumes(page.items(), null, form, (ServiceProblem) p)).build()));
    }
}
