package io.rpik8s.storage.bucket;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.storage.bucket.BucketDtos.PresignedUrl;
import io.rpik8s.storage.config.StorageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Presigned GET/PUT URLs with a bounded expiry, so clients move data without passing through the service. */
@ApplicationScoped
public class PresignService {

    private final S3Presigner presigner;
    private final StorageConfig config;

    public PresignService(S3Presigner presigner, StorageConfig config) {
        this.presigner = presigner;
        this.config = config;
    }

    /** Signs locally (no call to S3), so it is safe on the event loop. */
    @WithSpan("PresignService.presign")
    public PresignedUrl presign(String bucket, String key, String method, Integer expirySeconds) {
        Duration max = config.s3().presignMaxExpiry();
        Duration expiry = expirySeconds == null ? config.s3().presignDefaultExpiry() : Duration.ofSeconds(expirySeconds);
        if (expiry.compareTo(max) > 0) {
            throw ApiProblem.invalid("expirySeconds", "must be at most " + max.toSeconds());
        }
        PresignedRequest signed = "PUT".equals(method)
                ? presigner.presignPutObject(p -> p.signatureDuration(expiry)
                        .putObjectRequest(r -> r.bucket(bucket).key(key)))
                : presigner.presignGetObject(p -> p.signatureDuration(expiry)
                        .getObjectRequest(r -> r.bucket(bucket).key(key)));
        return new PresignedUrl(signed.url().toString(), method, key, signed.expiration());
    }
}
