package io.rpik8s.storage.bucket;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** Request and response bodies of the bucket and object API. */
public final class BucketDtos {

    private BucketDtos() {
    }

    /** Create a bucket, optionally with a policy and versioning. */
    public record CreateBucket(
            @NotBlank @Pattern(regexp = BucketNames.PATTERN,
                    message = "must be 3-63 lowercase letters, digits, dots or hyphens, starting and ending with a"
                            + " letter or digit") String name,
            String policy,
            Boolean versioning) {
    }

    /** Set a bucket's policy by name. */
    public record SetPolicy(@NotBlank String policy) {
    }

    /** Turn versioning on or off. */
    public record SetVersioning(@NotNull Boolean enabled) {
    }

    /** Ask for a presigned URL. */
    public record PresignRequest(
            @NotBlank @Size(max = 1024) String key,
            @NotNull @Pattern(regexp = "GET|PUT", message = "must be GET or PUT") String method,
            @Min(1) @Max(604800) Integer expirySeconds) {
    }

    /** A bucket with its usage. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BucketView(String name, Instant createdAt, long objectCount, long sizeBytes, String policy,
            Boolean versioning) {
    }

    /** One object. */
    public record ObjectView(String key, long sizeBytes, Instant lastModified, String etag) {
    }

    /** One page of objects; pass {@code nextToken} as {@code continuationToken} for the next. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ObjectPage(List<ObjectView> items, List<String> prefixes, String nextToken, boolean truncated) {
    }

    /** A presigned URL usable without credentials until {@code expiresAt}. */
    public record PresignedUrl(String url, String method, String key, Instant expiresAt) {
    }
}
