package io.rpik8s.storage;

import static io.rpik8s.storage.BucketApiTest.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.rpik8s.testsupport.PlatformTestResource;
import io.rpik8s.testsupport.TestTokens;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With S3, the PostgreSQL admin connection and the Kubernetes API all unreachable, callers get 503s, never 500s. */
@QuarkusTest
@TestProfile(OutageProfile.class)
@WithTestResource(PlatformTestResource.class)
class DependencyOutageTest {

    @Test
    void s3UnreachableIs503WithRetryAfter() {
        unavailable(as(TestTokens.viewer()).get("/api/v1/storage/buckets").then());
        unavailable(as(TestTokens.viewer()).get("/api/v1/storage/buckets/models").then());
        unavailable(BucketApiTest.createBucket("outage-bucket"));
    }

    @Test
    void postgresAdminConnectionFailingIs503WithRetryAfter() {
        unavailable(as(TestTokens.operator()).body(Map.of("name", "outage_db", "namespace", "apps"))
                .post("/api/v1/storage/databases").then());
        unavailable(as(TestTokens.viewer()).get("/api/v1/storage/databases").then());
    }

    @Test
    void kubernetesApiUnreachableIs503WithRetryAfter() {
        unavailable(as(TestTokens.viewer()).get("/api/v1/storage/volumes").then());
        unavailable(as(TestTokens.viewer()).get("/api/v1/storage/volumes/apps/data").then());
        unavailable(as(TestTokens.viewer()).get("/api/v1/storage/classes").then());
        unavailable(as(TestTokens.operator()).body(Map.of("name", "data", "namespace", "apps", "capacity", "1Gi"))
                .post("/api/v1/storage/volumes").then());
    }

    private static void unavailable(ValidatableResponse response) {
        response.statusCode(503).contentType(containsString("application/problem+json"))
                .header("Retry-After", notNullValue()).body("status", equalTo(503));
    }
}
