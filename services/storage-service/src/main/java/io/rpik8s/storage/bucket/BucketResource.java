package io.rpik8s.storage.bucket;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.rpik8s.commons.auth.Actor;
import io.rpik8s.model.auth.Roles;
import io.rpik8s.commons.paging.PageQuery;
import io.rpik8s.storage.bucket.BucketDtos.BucketView;
import io.rpik8s.storage.bucket.BucketDtos.CreateBucket;
import io.rpik8s.storage.bucket.BucketDtos.ObjectPage;
import io.rpik8s.storage.bucket.BucketDtos.PresignRequest;
import io.rpik8s.storage.bucket.BucketDtos.PresignedUrl;
import io.rpik8s.storage.bucket.BucketDtos.SetPolicy;
import io.rpik8s.storage.bucket.BucketDtos.SetVersioning;
import io.rpik8s.model.api.Page;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Buckets and objects on MinIO: {@code /api/v1/storage/buckets}. */
@Path("/api/v1/storage/buckets")
@Tag(name = "Buckets", description = "S3 buckets and objects on MinIO")
public class BucketResource {

    private final BucketService buckets;
    private final PresignService presign;
    private final SecurityIdentity identity;

    public BucketResource(BucketService buckets, PresignService presign, SecurityIdentity identity) {
        this.buckets = buckets;
        this.presign = presign;
        this.identity = identity;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List buckets by name, one page at a time, with object count and bytes")
    public Uni<Page<BucketView>> list(@BeanParam PageQuery paging) {
        return buckets.list(paging.toRequest());
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Create a bucket, optionally with a policy and versioning")
    public Uni<Response> create(@NotNull @Valid CreateBucket request) {
        BucketNames.check("name", request.name());
        if (request.policy() != null) {
            BucketService.parsePolicy(request.policy());
        }
        return buckets.create(request.name(), request.policy(), request.versioning(), Actor.of(identity))
                .map(b -> Response.created(URI.create("/api/v1/storage/buckets/" + b.name())).entity(b).build());
    }

    @GET
    @Path("/{bucket}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One bucket with usage, policy and versioning")
    public Uni<BucketView> get(@PathParam("bucket") String bucket) {
        return buckets.get(BucketNames.check("bucket", bucket));
    }

    @DELETE
    @Path("/{bucket}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Delete a bucket; one holding objects only with force=true")
    public Uni<Response> delete(@PathParam("bucket") String bucket, @QueryParam("force") boolean force) {
        return buckets.delete(BucketNames.check("bucket", bucket), force, Actor.of(identity))
                .map(v -> Response.noContent().build());
    }

    @PUT
    @Path("/{bucket}/policy")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Set the bucket policy: private, public-read, public-read-write or upload-only")
    public Uni<BucketView> setPolicy(@PathParam("bucket") String bucket, @NotNull @Valid SetPolicy request) {
        BucketPolicy policy = BucketService.parsePolicy(request.policy());
        return buckets.setPolicy(BucketNames.check("bucket", bucket), policy).chain(() -> buckets.get(bucket));
    }

    @PUT
    @Path("/{bucket}/versioning")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Turn versioning on or off")
    public Uni<BucketView> setVersioning(@PathParam("bucket") String bucket,
            @NotNull @Valid SetVersioning request) {
        return buckets.setVersioning(BucketNames.check("bucket", bucket), request.enabled())
                .chain(() -> buckets.get(bucket));
    }

    @GET
    @Path("/{bucket}/objects")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List objects by prefix, one page at a time (pass nextToken as continuationToken)")
    public Uni<ObjectPage> objects(@PathParam("bucket") String bucket, @QueryParam("prefix") String prefix,
            @QueryParam("delimiter") String delimiter, @QueryParam("continuationToken") String continuationToken,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(1000) int size) {
        return buckets.objects(BucketNames.check("bucket", bucket), ListingParameters.prefix(prefix),
                ListingParameters.delimiter(delimiter), continuationToken, size);
    }

    @DELETE
    @Path("/{bucket}/objects/{key: .+}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Delete one object")
    public Uni<Response> deleteObject(@PathParam("bucket") String bucket, @PathParam("key") String key) {
        return buckets.deleteObject(BucketNames.check("bucket", bucket), key).map(v -> Response.noContent().build());
    }

    @POST
    @Path("/{bucket}/presign")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "A presigned GET (viewer) or PUT (operator) URL with a bounded expiry")
    public PresignedUrl presign(@PathParam("bucket") String bucket, @NotNull @Valid PresignRequest request) {
        if ("PUT".equals(request.method()) && !identity.hasRole(Roles.OPERATOR)) {
            throw new ForbiddenException("PUT URLs need the operator role");
        }
        return presign.presign(BucketNames.check("bucket", bucket), request.key(), request.method(),
                request.expirySeconds());
    }
}
