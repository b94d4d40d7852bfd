package io.rpik8s.localrun.infra;

import io.rpik8s.localrun.Ports;
import java.net.URI;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/** An S3-compatible server (s3proxy) standing in for MinIO, storing objects as files under {@code .local/s3}. */
public final class EmbeddedS3Server implements AutoCloseable {

    private final Path dataDir;
    private S3Proxy proxy;

    public EmbeddedS3Server(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Starts the server and returns its endpoint URL. */
    public String start(int preferredPort, String accessKey, String secretKey) throws Exception {
        String endpoint = "http://127.0.0.1:" + Ports.preferred(preferredPort);
        proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(dataDir.toAbsolutePath().toString()))
                .endpoint(URI.create(endpoint))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        return endpoint;
    }

    @Override
    public void close() throws Exception {
        if (proxy != null) {
            proxy.stop();
            proxy = null;
        }
    }
}
