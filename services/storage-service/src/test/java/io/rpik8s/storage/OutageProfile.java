package io.rpik8s.storage;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/** Every dependency of the service points at a closed loopback port: S3, the PostgreSQL admin URL, the Kubernetes API. */
public class OutageProfile implements QuarkusTestProfile {

    static final int CLOSED_PORT = closedPort();

    @Override
    public Map<String, String> getConfigOverrides() {
        String dead = "127.0.0.1:" + CLOSED_PORT;
        return Map.of(
                "platform.storage.s3.endpoint", "http://" + dead,
                "platform.storage.s3.access-key", "nobody",
                "platform.storage.s3.secret-key", "nothing",
                "platform.storage.databases.admin-url", "jdbc:postgresql://" + dead + "/postgres",
                "quarkus.kubernetes-client.api-server-url", "http://" + dead,
                // Refused connections fail at once rather than after the client's default retries.
                "quarkus.kubernetes-client.request-retry-backoff-limit", "0",
                "quarkus.kubernetes-client.connection-timeout", "PT2S");
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
