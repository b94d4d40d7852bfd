package io.rpik8s.model.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The {@code bucket} object of bucket events.
 *
 * @param name        bucket name
 * @param policy      access policy when known ({@code private}, {@code public-read}, ...)
 * @param versioning  whether versioning is enabled, when known
 * @param objectCount objects deleted with the bucket (forced delete)
 * @param forced      whether a non-empty bucket was deleted on request
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BucketPayload(String name, String policy, Boolean versioning, Long objectCount, Boolean forced) {

    public static BucketPayload of(String name) {
        return new BucketPayload(name, null, null, null, null);
    }
}
