package io.rpik8s.panel.upstream;

import io.rpik8s.panel.upstream.StorageDtos.Bucket;
import io.rpik8s.panel.upstream.StorageDtos.BucketRequest;
import io.rpik8s.panel.upstream.StorageDtos.Database;
import io.rpik8s.panel.upstream.StorageDtos.DatabaseRequest;
import io.rpik8s.panel.upstream.StorageDtos.ExpandRequest;
import io.rpik8s.panel.upstream.StorageDtos.ObjectListing;
import io.rpik8s.panel.upstream.StorageDtos.PolicyRequest;
import io.rpik8s.panel.upstream.StorageDtos.PresignRequest;
import io.rpik8s.panel.upstream.StorageDtos.Presigned;
import io.rpik8s.panel.upstream.StorageDtos.Volume;
import io.rpik8s.panel.upstream.StorageDtos.VolumeRequest;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;

/** storage-service's REST API (docs/api/storage-service.md). */
@RegisterRestClient(configKey = "storage")
@RegisterClientHeaders(BearerToken.class)
@Path("/api/v1/storage")
public interface StorageApi {

    @GET
    @Path("/buckets")
    Uni<Page<Bucket>> buckets(@QueryParam("size") int size);

    @POST
    @Path("/buckets")
    Uni<Bucket> createBucket(BucketRequest request);

    @DELETE
    @Path("/buckets/{bucket}")
    Uni<Response> deleteBucket(@PathParam("bucket") String bucket, @QueryParam("force") boolean force);

    @PUT
    @Path("/buckets/{bucket}/policy")
    Uni<Response> setPolicy(@PathParam("bucket") String bucket, PolicyRequest request);

    @GET
    @Path("/buckets/{bucket}/objects")
    Uni<ObjectListing> objects(@PathParam("bucket") String bucket, @QueryParam("prefix") String prefix,
            @QueryParam("delimiter") String delimiter, @QueryParam("size") int size,
            @QueryParam("continuationToken") String continuationToken);

    @DELETE
    @Path("/buckets/{bucket}/objects/{key}")
    Uni<Response> deleteObject(@PathParam("bucket") String bucket, @PathParam("key") String key);

    @POST
    @Path("/buckets/{bucket}/presign")
    Uni<Presigned> presign(@PathParam("bucket") String bucket, PresignRequest request);

    @GET
    @Path("/volumes")
    Uni<Page<Volume>> volumes(@QueryParam("size") int size);

    @POST
    @Path("/volumes")
    Uni<Volume> createVolume(VolumeRequest request);

    @POST
    @Path("/volumes/{ns}/{name}/expand")
    Uni<Volume> expandVolume(@PathParam("ns") String namespace, @PathParam("name") String name,
            ExpandRequest request);

    @DELETE
    @Path("/volumes/{ns}/{name}")
    Uni<Response> deleteVolume(@PathParam("ns") String namespace, @PathParam("name") String name,
            @QueryParam("force") boolean force);

    @GET
    @Path("/databases")
    Uni<Page<Database>> databases(@QueryParam("size") int size);

    @POST
    @Path("/databases")
    Uni<Database> createDatabase(DatabaseRequest request);

    @POST
    @Path("/databases/{name}/rotate-password")
    Uni<Response> rotatePassword(@PathParam("name") String name);

    @DELETE
    @Path("/databases/{name}")
    Uni<Response> dropDatabase(@PathParam("name") String name, @QueryParam("confirm") String confirm);

    @ClientExceptionMapper
    static RuntimeException toProblem(Response response) {
        return ServiceProblem.from(response);
    }
}
