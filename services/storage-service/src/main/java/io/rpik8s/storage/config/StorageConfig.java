package io.rpik8s.storage.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Typed settings of the storage service: S3, the database provisioner and volumes. */
@ConfigMapping(prefix = "platform.storage")
public interface StorageConfig {

    /** The S3 server (MinIO in the cluster). */
    S3 s3();

    /** Where and how app databases are provisioned. */
    Databases databases();

    /** PersistentVolumeClaims this service manages. */
    Volumes volumes();

    /** Prometheus base URL for {@code kubelet_volume_stats_*}; without it volumes have no usage figures. */
    Optional<URI> prometheusUrl();

    /** S3 connection and presigning settings (env {@code PLATFORM_STORAGE_S3_*}; in a cluster from the MinIO Secret). */
    interface S3 {

        /** S3 endpoint, for example {@code http://minio.platform:9000}. */
        URI endpoint();

        /**
         * The S3 address that browsers and clients outside the cluster reach (for example {@code https://s3.pi.lan}
         * behind an Ingress); presigned URLs are signed for it, since the host is part of the signature. Unset, they
         * use {@link #endpoint()}.
         */
        Optional<URI> publicEndpoint();

        /** Access key. */
        String accessKey();

        /** Secret key. */
        String secretKey();

        /** Region sent in signatures; MinIO accepts any. */
        @WithDefault("us-east-1")
        String region();

        /** Longest expiry a presigned URL may be given. */
        @WithDefault("PT1H")
        Duration presignMaxExpiry();

        /** Expiry of a presigned URL when the request names none. */
        @WithDefault("PT15M")
        Duration presignDefaultExpiry();
    }

    /** The admin connection that creates roles and databases, and what goes into the app's Secret. */
    interface Databases {

        /** JDBC URL of a database on the platform's PostgreSQL, used as admin; defaults to the service's own. */
        Optional<String> adminUrl();

        /** Admin user (needs CREATEROLE and CREATEDB); defaults to the service's datasource user. */
        Optional<String> username();

        /** Admin password; defaults to the service's datasource password. */
        Optional<String> password();

        /** Host apps use to reach PostgreSQL (the in-cluster Service name); defaults to the admin URL's host. */
        Optional<String> host();

        /** Port apps use to reach PostgreSQL; defaults to the admin URL's port. */
        Optional<Integer> port();
    }

    /** Volume management. */
    interface Volumes {

        /** Namespaces whose claims are listed and managed. */
        @WithDefault("default")
        List<String> namespaces();

        /** Usage (percent of capacity) above which {@code volume.nearly_full} is emitted, once per crossing. */
        @WithDefault("85")
        double nearlyFullPercent();

        /** How often usage is checked against the threshold. */
        @WithDefault("60s")
        String checkEvery();
    }
}
