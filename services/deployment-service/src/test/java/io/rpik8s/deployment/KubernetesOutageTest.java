package io.rpik8s.deployment;

import static io.rpik8s.deployment.DeploymentApiTest.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.rpik8s.testsupport.PlatformTestResource;
import io.rpik8s.testsupport.TestTokens;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The Kubernetes API cannot be reached: requests answer 503 with retry advice, never 500. Runs last (own app). */
@QuarkusTest
@TestProfile(KubernetesOutageTest.NoApiServer.class)
@WithTestResource(PlatformTestResource.class)
@Order(Integer.MAX_VALUE)
class KubernetesOutageTest {

    /** Points the client at a port nothing listens on, and does not start the operator. */
    public static class NoApiServer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.kubernetes-client.api-server-url", "http://127.0.0.1:9",
                    "quarkus.kubernetes-client.request-retry-backoff-limit", "0",
                    "quarkus.kubernetes-client.connection-timeout", "PT1S",
                    "quarkus.kubernetes-client.request-timeout", "PT2S",
                    "quarkus.operator-sdk.start-operator", "false",
                    "quarkus.operator-sdk.crd.apply", "false");
        }
    }

    @Test
    void readsAndChangesAnswer503WithRetryAfter() {
        as(TestTokens.viewer()).get("/api/v1/deployments/apps/web").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", notNullValue())
                .body("detail", containsString("Kubernetes"));
        as(TestTokens.operator()).body(Map.of("name", "web", "namespace", "apps", "image", "nginx:1.27"))
                .post("/api/v1/deployments").then().statusCode(503).header("Retry-After", notNullValue());
    }
}
