package io.rpik8s.storage.bucket;

import io.rpik8s.storage.config.StorageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Builds the non-blocking S3 client and the URL presigner from {@link StorageConfig.S3}. */
public class S3ClientProducer {

    @Produces
    @ApplicationScoped
    S3AsyncClient s3(StorageConfig config) {
        StorageConfig.S3 s3 = config.s3();
        return S3AsyncClient.builder()
                .endpointOverride(s3.endpoint())
                .region(Region.of(s3.region()))
                .credentialsProvider(credentials(s3))
                // MinIO and s3proxy serve buckets as paths, not as virtual hosts.
                .forcePathStyle(true)
                // Checksums only where S3 requires them: MinIO releases and s3proxy differ in the newer ones.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .build();
    }

    @Produces
    @ApplicationScoped
    S3Presigner presigner(StorageConfig config) {
        StorageConfig.S3 s3 = config.s3();
        return S3Presigner.builder()
                .endpointOverride(s3.publicEndpoint().orElse(s3.endpoint()))
                .region(Region.of(s3.region()))
                .credentialsProvider(credentials(s3))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    void close(@Disposes S3AsyncClient client) {
        client.close();
    }

    void close(@Disposes S3Presigner presigner) {
        presigner.close();
    }

    private static StaticCredentialsProvider credentials(StorageConfig.S3 s3) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()));
    }
}
