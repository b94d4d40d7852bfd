package io.rpik8s.deployment;

import static io.rpik8s.deployment.DeploymentApiTest.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.rpik8s.testsupport.PlatformTestResource;
import io.rpik8s.testsupport.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a create costs the API server, counted at the (mock) API server itself. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PlatformTestResource.class)
class CreateRoundTripsTest {

    @KubernetesTestServer
    KubernetesServer server;

    @Test
    void creatingAContainerAppWithAServiceCostsAtMostThreeRequests() throws InterruptedException {
        Simulation.namespace(server.getClient(), "apps");
        KubernetesMockServer api = server.getKubernetesMockServer();
        drain(api);

        as(TestTokens.operator()).body(Map.of("name", "counted", "namespace", "apps",
                        "image", "registry.local:5000/team/counted:1.0.0", "replicas", 2, "service", Map.of("port", 80)))
                .post("/api/v1/deployments").then().statusCode(201)
                .body("spec.servicePort", equalTo(80)).body("spec.replicas", equalTo(2));

        List<String> requests = drain(api);
        // the namespace check, the Deployment and the Service: the conflict check and the answer read the cache
        assertThat(requests).as("requests the create made").hasSizeLessThanOrEqualTo(3)
                .anyMatch(r -> r.startsWith("POST") && r.contains("/deployments"))
                .anyMatch(r -> r.startsWith("POST") && r.contains("/services"));
    }

    /** The requests received since the last call, watches excepted (informers keep one open per kind). */
    private static List<String> drain(KubernetesMockServer api) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        RecordedRequest r;
        while ((r = api.takeRequest(200, TimeUnit.MILLISECONDS)) != null) {
            if (!r.getPath().contains("watch=true")) {
                seen.add(r.getMethod() + " " + r.getPath());
            }
        }
        return seen;
    }
}
