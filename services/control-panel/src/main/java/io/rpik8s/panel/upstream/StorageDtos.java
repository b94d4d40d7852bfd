package io.rpik8s.panel.upstream;

import java.util.List;

/** What storage-service answers and accepts, as far as the panel shows or sends it. */
public final class StorageDtos {

    private StorageDtos() {
    }

    /** A bucket. */
    public record Bucket(String name, String createdAt, Long objectCount, Long sizeBytes, String policy,
            Boolean versioning) {
    }

    /** A page of objects under a prefix, with the "folders" below it. */
    public record ObjectListing(List<S3Object> items, List<String> prefixes, String nextToken, boolean truncated) {
    }

    /** One object. */
    public record S3Object(String key, long sizeBytes, String lastModified, String etag) {
    }

    /** A presigned URL. */
    public record Presigned(String url, String method, String key, String expiresAt) {
    }

    /** A persistent volume claim with its usage. */
    public record Volume(String name, String namespace, String storageClass, String capacity, String requested,
            String phase, List<String> accessModes, List<String> pods, Long usedBytes, Long capacityBytes,
            Double usagePercent) {
    }

    /** A provisioned app database. */
    public record Database(String name, String owner, String namespace, String secretName, Long sizeBytes,
            String createdAt) {
    }

    /** {@code POST /buckets}. */
    public record BucketRequest(String name, Boolean versioning) {
    }

    /** {@code PUT /buckets/{b}/policy}. */
    public record PolicyRequest(String policy) {
    }

    /** {@code POST /buckets/{b}/presign}. */
    public record PresignRequest(String key, String method, Integer expirySeconds) {
    }

    /** {@code POST /volumes}. */
    public record VolumeRequest(String name, String namespace, String capacity, String storageClass) {
    }

    /** {@code POST /volumes/{ns}/{name}/expand}. */
    public record ExpandRequest(String capacity) {
    }

    /** {@code POST /databases}. */
    public record DatabaseRequest(String name, String namespace, String secretName) {
    }
}
