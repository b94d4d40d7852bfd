package io.rpik8s.panel.storage;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.rpik8s.panel.upstream.ServiceProblem;
import io.rpik8s.panel.upstream.StorageApi;
import io.rpik8s.panel.upstream.StorageDtos.Bucket;
import io.rpik8s.panel.upstream.StorageDtos.BucketRequest;
import io.rpik8s.panel.upstream.StorageDtos.ObjectListing;
import io.rpik8s.panel.upstream.StorageDtos.PolicyRequest;
import io.rpik8s.panel.upstream.StorageDtos.PresignRequest;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Buckets and the object browser. Objects never pass through the panel: uploads and downloads go between the
 * browser and S3 with presigned URLs that storage-service signs.
 */
@Path("/storage")
public class BucketsResource {

    @CheckedTemplate(basePath = "storage")
    static class Templates {
        static native TemplateInstance buckets(List<Bucket> buckets, String done, String newName,
                ServiceProblem problem);

        static native TemplateInstance objects(String bucket, String prefix, List<Crumb> crumbs,
                ObjectListing listing, String done, ServiceProblem problem);
    }

    /** One step of the prefix path above the object list. */
    public record Crumb(String label, String prefix) {
    }

    private final StorageApi storage;

    public BucketsResource(@RestClient StorageApi storage) {
        this.storage = storage;
    }

    @GET
    public Uni<TemplateInstance> buckets(@RestQuery String done) {
        return storage.buckets(500).map(p -> Templates.buckets(p.items(), done, "", ServiceProblem.NONE));
    }

    @POST
    @Path("buckets")
    public Uni<Response> create(@RestForm String name, @RestForm boolean versioning) {
        // Unchecked means "the server's default", not "switch versioning off" (which some S3 servers cannot do).
        return storage.createBucket(new BucketRequest(name.trim(), versioning ? Boolean.TRUE : null))
                .map(b -> Response.seeOther(URI.create("/storage?done=bucket-created")).build())
                .onFailure(ServiceProblem.class).recoverWithUni(p -> storage.buckets(500).map(page -> Response
                        .status(((ServiceProblem) p).status())
                        .entity(Templates.buckets(page.items(), null, name, (ServiceProblem) p)).build()));
    }

    @GET
    @Path("buckets/{bucket}")
    public Uni<TemplateInstance> objects(@PathParam("bucket") String bucket, @RestQuery String prefix,
            @RestQuery String done) {
        String p = prefix == null ? "" : prefix;
        return storage.objects(bucket, p.isEmpty() ? null : p, "/", 500, null)
                .map(listing -> Templates.objects(bucket, p, crumbs(p), listing, done, ServiceProblem.NONE));
    }

    @POST
    @Path("buckets/{bucket}/delete")
    public Uni<Response> delete(@PathParam("bucket") String bucket, @RestForm boolean force) {
        return storage.deleteBucket(bucket, force)
                .map(r -> Response.seeOther(URI.create("/storage?done=bucket-deleted")).build())
                .onFailure(ServiceProblem.class).recoverWithUni(p -> refused(bucket, "", (ServiceProblem) p));
    }

    @POST
    @Path("buckets/{bucket}/policy")
    public Uni<Response> policy(@PathParam("bucket") String bucket, @RestForm String policy) {
        return storage.setPolicy(bucket, new PolicyRequest(policy))
                .map(r -> Response.seeOther(URI.create("/storage/buckets/" + bucket + "?done=policy-set")).build())
                .onFailure(ServiceProblem.class).recoverWithUni(p -> refused(bucket, "", (ServiceProblem) p));
    }

    /** A presigned PUT for the browser's upload (called by the page's script). */
    @POST
    @Path("buckets/{bucket}/presign")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> presignUpload(@PathParam("bucket") String bucket, @RestForm String key) {
        return storage.presign(bucket, new PresignRequest(key, "PUT", 900))
                .map(url -> Response.ok(url).build())
                .onFailure(ServiceProblem.class).recoverWithItem(p -> Response.status(((ServiceProblem) p).status())
                        .entity(Map.of("title", ((ServiceProblem) p).title(), "detail",
                                String.valueOf(((ServiceProblem) p).detail()))).build());
    }

    /** A download: the browser is sent to a presigned GET URL and fetches the object from S3 itself. */
    @GET
    @Path("buckets/{bucket}/download")
    public Uni<Response> download(@PathParam("bucket") String bucket, @RestQuery String key) {
        return storage.presign(bucket, new PresignRequest(key, "GET", 300))
                .map(url -> Response.seeOther(URI.create(url.url())).build());
    }

    @POST
    @Path("buckets/{bucket}/objects/delete")
    public Uni<Response> deleteObject(@PathParam("bucket") String bucket, @RestForm String key,
            @RestForm String prefix) {
        String back = prefix == null ? "" : prefix;
        return storage.deleteObject(bucket, key)
                .map(r -> Response.seeOther(URI.create("/storage/buckets/" + bucket + "?prefix="
                        + URLEncoder.encode(back, StandardCharsets.UTF_8) + "&done=object-deleted")).build())
                .onFailure(ServiceProblem.class).recoverWithUni(p -> refused(bucket, back, (ServiceProblem) p));
    }

    private Uni<Response> refused(String bucket, String prefix, ServiceProblem problem) {
        return storage.objects(bucket, prefix.isEmpty() ? null : prefix, "/", 500, null)
                .onFailure().recoverWithItem(new ObjectListing(List.of(), List.of(), null, false))
                .map(listing -> Response.status(problem.status())
                        .entity(Templates.objects(bucket, prefix, crumbs(prefix), listing, null, problem)).build());
    }

    static List<Crumb> crumbs(String prefix) {
        List<Crumb> crumbs = new ArrayList<>();
        int from = 0;
        int slash;
        while ((slash = prefix.indexOf('/', from)) >= 0) {
            crumbs.add(new Crumb(prefix.substring(from, slash), prefix.substring(0, slash + 1)));
            from = slash + 1;
        }
        return crumbs;
    }
}
