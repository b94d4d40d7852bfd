package io.rpik8s.storage;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.rpik8s.testsupport.EmbeddedS3;
import java.util.Map;

/** Points the service at the shared in-memory S3 server (s3proxy) and the fake Prometheus of the tests. */
public class StorageTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        EmbeddedS3 s3 = EmbeddedS3.shared();
        return Map.of(
                "platform.storage.s3.endpoint", s3.endpoint().toString(),
                "platform.storage.s3.access-key", s3.accessKey(),
                "platform.storage.s3.secret-key", s3.secretKey(),
                "platform.storage.prometheus-url", FakePrometheus.shared().url());
    }

    @Override
    public void stop() {
        // The shared servers live for the whole test JVM.
    }
}
