package io.rpik8s.storage;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.rpik8s.dev.embedded.EmbeddedS3;
import io.rpik8s.dev.embedded.TcpForwarder;
import java.util.Map;

/**
 * Points the service at the shared in-memory S3 server (s3proxy) and the fake Prometheus of the tests. Presigned URLs
 * go to a public address of their own, a relay to the same server, as a browser outside the cluster reaches S3
 * through an Ingress while the service talks to it inside.
 */
public class StorageTestResource implements QuarkusTestResourceLifecycleManager {

    /** The public S3 address, a relay to s3proxy. */
    static TcpForwarder publicS3;

    @Override
    public Map<String, String> start() {
        EmbeddedS3 s3 = EmbeddedS3.shared();
        if (publicS3 == null) {
            publicS3 = TcpForwarder.to(s3.endpoint().getHost(), s3.endpoint().getPort());
        }
        return Map.of(
                "platform.storage.s3.endpoint", s3.endpoint().toString(),
                "platform.storage.s3.public-endpoint", publicEndpoint(),
                "platform.storage.s3.access-key", s3.accessKey(),
                "platform.storage.s3.secret-key", s3.secretKey(),
                "platform.storage.prometheus-url", FakePrometheus.shared().url());
    }

    static String publicEndpoint() {
        return "http://127.0.0.1:" + publicS3.port();
    }

    @Override
    public void stop() {
        // The shared servers live for the whole test JVM.
    }
}
