package io.rpik8s.examples.myservice.config;

import io.smallrye.config.ConfigMapping;
import java.util.Set;

/** Settings of my-service ({@code my-service.*}). */
@ConfigMapping(prefix = "my-service")
public interface MyServiceConfig {

    /** The namespaces whose Backups this service manages; a request for another one is a 400. */
    Set<String> namespaces();

    /** The image that copies a volume to a bucket (it reads the S3 credentials from the Secret below). */
    String copierImage();

    /** The Secret (in the Backup's namespace) the copier takes S3_ENDPOINT_URL and the AWS_* keys from. */
    String copierEnvFrom();
}
