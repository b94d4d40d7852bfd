package io.rpik8s.deployment;

import static io.rpik8s.deployment.DeploymentApiTest.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rpik8s.dev.simcluster.RequestLog;
import io.rpik8s.testsupport.PlatformTestResource;
import io.rpik8s.testsupport.TestTokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a create and a listing cost the API server, counted at the (simulated) API server itself. */
@QuarkusTest
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(PlatformTestResource.class)
class CreateRoundTripsTest {

    @SimulatedClusterResource.Inject
    TestCluster cluster;

    @Test
    void creatingAContainerAppWithAServiceCostsAtMostThreeRequests() {
        cluster.namespace("apps");
        long before = cluster.requests().mark();

        as(TestTokens.operator()).body(Map.of("name", "counted", "namespace", "apps",
                        "image", "registry.local:5000/team/counted:1.0.0", "replicas", 2, "service", Map.of("port", 80)))
                .post("/api/v1/deployments").then().statusCode(201)
                .body("spec.servicePort", equalTo(80)).body("spec.replicas", equalTo(2));

        List<String> requests = cluster.requests().since(before).stream().filter(this::fromTheService)
                .map(RequestLog.Request::toString).toList();
        // the namespace check, the Deployment and the Service: the conflict check and the answer read the cache
        assertThat(requests).as("requests the create made").hasSizeLessThanOrEqualTo(3)
                .anyMatch(r -> r.startsWith("POST") && r.contains("/deployments"))
                .anyMatch(r -> r.startsWith("POST") && r.contains("/services"));
    }

    @Test
    void listingAPageOfAppsOfEveryPluginCostsNoRequest() {
        cluster.namespace("listed");
        as(TestTokens.operator()).body(Map.of("name", "web", "namespace", "listed", "image", "nginx:1.27"))
                .post("/api/v1/deployments").then().statusCode(201);
        as(TestTokens.operator()).body(Map.of("name", "unit", "namespace", "listed", "plugin", "manifest",
                        "config", Map.of("manifests", List.of(Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                                "metadata", Map.of("name", "unit-api"), "spec", Map.of("replicas", 1,
                                        "selector", Map.of("matchLabels", Map.of("run", "unit-api")),
                                        "template", Map.of("metadata", Map.of("labels", Map.of("run", "unit-api")),
                                                "spec", Map.of("containers", List.of(Map.of("name", "api",
                                                        "image", "nginx:1.27"))))))))))
                .post("/api/v1/deployments").then().statusCode(201);
        cluster.kube().apps().deployments().resource(TestCluster.plainDeployment("listed", "by-hand", "nginx:1.27", 1))
                .create();
        await().untilAsserted(() -> as(TestTokens.viewer())
                .get("/api/v1/deployments?namespace=listed").then().statusCode(200).body("total", equalTo(3)));
        long before = cluster.requests().mark();

        as(TestTokens.viewer()).get("/api/v1/deployments?namespace=listed").then().statusCode(200)
                .body("items.name", contains("by-hand", "unit", "web"))
                .body("items.plugin", contains(nullValue(),
                        equalTo("manifest"), equalTo("container")))
                .body("items.image", everyItem(equalTo("nginx:1.27")));

        assertThat(cluster.requests().since(before).stream().filter(this::fromTheService)
                .map(RequestLog.Request::toString).toList()).as("requests the listing made").isEmpty();
    }

    /** Watches stay open (informers keep one per kind); the cluster's controllers and this test are not the service. */
    private boolean fromTheService(RequestLog.Request r) {
        return !r.isWatch() && !r.fromCluster() && !r.userAgent().startsWith(SimulatedClusterResource.TEST_CLIENT);
    }
}
