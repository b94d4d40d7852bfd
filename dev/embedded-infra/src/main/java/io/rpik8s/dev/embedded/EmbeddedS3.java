package io.rpik8s.dev.embedded;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/**
 * A real S3-compatible server (s3proxy) on loopback, standing in for MinIO: in memory, or on the filesystem when
 * given a directory. Credentials are random unless given.
 */
public final class EmbeddedS3 implements AutoCloseable {

    private static EmbeddedS3 shared;

    private final S3Proxy proxy;
    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;

    private EmbeddedS3(S3Proxy proxy, URI endpoint, String accessKey, String secretKey) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** An in-memory server shared by every test of this JVM. */
    public static synchronized EmbeddedS3 shared() {
        if (shared == null) {
            shared = start(null, 0, "test-" + UUID.randomUUID().toString().substring(0, 8),
                    UUID.randomUUID().toString());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "embedded-s3-stop"));
        }
        return shared;
    }

    /** Starts a server storing in {@code dir} (null: in memory) on {@code port} (0: any). */
    public static EmbeddedS3 start(Path dir, int port, String accessKey, String secretKey) {
        return start(dir, port, accessKey, secretKey, List.of());
    }

    /**
     * As {@link #start(Path, int, String, String)}, answering CORS requests of pages from {@code corsOrigins}
     * (regular expressions) so that browsers can use presigned URLs.
     */
    public static EmbeddedS3 start(Path dir, int port, String accessKey, String secretKey, List<String> corsOrigins) {
        Properties overrides = new Properties();
        String provider = "transient";
        if (dir != null) {
            provider = "filesystem";
            overrides.setProperty("jclouds.filesystem.basedir", dir.toString());
        }
        URI endpoint = URI.create("http://127.0.0.1:" + (port == 0 ? FreePorts.next() : port));
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(BlobStores.create(provider, overrides))
                .endpoint(endpoint)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .corsRules(corsOrigins.isEmpty() ? CrossOriginResourceSharing.disabled()
                        : new CrossOriginResourceSharing(corsOrigins, List.of("GET", "PUT", "HEAD"), List.of("*"),
                                List.of("ETag"), "false"))
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start on " + endpoint, e);
        }
        return new EmbeddedS3(proxy, endpoint, accessKey, secretKey);
    }

    public URI endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            // Stopping at JVM exit; a failure changes nothing.
        }
    }
}
