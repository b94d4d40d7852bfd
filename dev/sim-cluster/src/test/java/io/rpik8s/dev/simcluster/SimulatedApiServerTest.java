package io.rpik8s.dev.simcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedApiServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
    private final HttpClient http = HttpClient.newHttpClient();
    private final SimulatedCluster cluster = SharedCluster.get();

    @Test
    void answersLegacyDiscoveryForCoreAppsAndTheProjectCrd() throws Exception {
        JsonNode core = get("/api/v1", "application/json");
        assertEquals("APIResourceList", core.path("kind").asText());
        assertTrue(names(core.path("resources")).containsAll(List.of("nodes", "pods", "services", "configmaps", "secrets",
                "persistentvolumeclaims", "namespaces")));

        JsonNode groups = get("/apis", "application/json");
        List<String> groupNames = new ArrayList<>();
        groups.path("groups").forEach(g -> groupNames.add(g.path("name").asText()));
        assertTrue(groupNames.containsAll(List.of("apps", "storage.k8s.io", "apiextensions.k8s.io", "metrics.k8s.io",
                "rpi-k8s.io")), groupNames::toString);

        assertTrue(names(get("/apis/apps/v1", "application/json").path("resources"))
                .containsAll(List.of("deployments", "replicasets", "deployments/scale")));
        JsonNode crd = get("/apis/rpi-k8s.io/v1alpha1", "application/json").path("resources").get(0);
        assertEquals("platformapps", crd.path("name").asText());
        assertEquals("papp", crd.path("shortNames").get(0).asText());
    }

    @Test
    void servesWebSocketWatchesToInformers() {
        var seen = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var informer = cluster.client().namespaces().inform(new io.fabric8.kubernetes.client.informers.ResourceEventHandler<>() {
            @Override
            public void onAdd(io.fabric8.kubernetes.api.model.Namespace ns) {
                seen.add(ns.getMetadata().getName());
            }

            @Override
            public void onUpdate(io.fabric8.kubernetes.api.model.Namespace oldNs, io.fabric8.kubernetes.api.model.Namespace ns) {
            }

            @Override
            public void onDelete(io.fabric8.kubernetes.api.model.Namespace ns, boolean unknown) {
            }
        });
        try {
            cluster.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                    .withNewMetadata().withName("watched").endMetadata().build()).create();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> seen.contains("watched"));
            assertTrue(informer.isWatching());
        } finally {
            informer.close();
        }
    }

    @Test
    void labelsItselfSimulatedInVersionAndHeaders() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(cluster.url() + "/version")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("true", response.headers().firstValue(SimulatedApiServer.SIMULATED_HEADER).orElse(""));
        JsonNode version = JSON.readTree(response.body());
        assertTrue(version.path("simulated").asBoolean());
        assertEquals("linux/arm64", version.path("platform").asText());
    }

    @Test
    void rendersNodesAsAKubectlTable() throws Exception {
        JsonNode table = get("/api/v1/nodes", TABLE);
        assertEquals("Table", table.path("kind").asText());
        assertEquals("meta.k8s.io/v1", table.path("apiVersion").asText());
        List<String> columns = new ArrayList<>();
        table.path("columnDefinitions").forEach(c -> {
            if (c.path("priority").asInt() == 0) {
                columns.add(c.path("name").asText());
            }
        });
        assertEquals(List.of("Name", "Status", "Roles", "Age", "Version"), columns);
        assertEquals(4, table.path("rows").size());
        JsonNode master = table.path("rows").get(0).path("cells");
        assertEquals("pi-master", master.get(0).asText());
        assertEquals("Ready", master.get(1).asText());
        assertEquals("control-plane,master", master.get(2).asText());
        assertEquals("PartialObjectMetadata", table.path("rows").get(0).path("object").path("kind").asText());
    }

    @Test
    void answersATokenReviewLikeAnApiServerThatVouchesForNoToken() {
        var review = cluster.client().authentication().v1().tokenReviews().create(
                new io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder().withNewSpec()
                        .withToken("some.pod.token").withAudiences("rpi-k8s-platform").endSpec().build());
        assertThat(review.getStatus().getAuthenticated()).isFalse();
        assertThat(review.getStatus().getError()).contains("simulated");
    }

    @Test
    void seedsArm64PiNodesLabelledSimulated() {
        var nodes = cluster.client().nodes().list().getItems();
        assertEquals(List.of("pi-master", "pi-worker-1", "pi-worker-2", "pi-worker-3"),
                nodes.stream().map(n -> n.getMetadata().getName()).sorted().toList());
        nodes.forEach(n -> {
            assertEquals("arm64", n.getMetadata().getLabels().get("kubernetes.io/arch"));
            assertEquals("true", n.getMetadata().getLabels().get("rpi-k8s.io/simulated"));
            assertEquals("arm64", n.getStatus().getNodeInfo().getArchitecture());
            assertEquals("4", n.getStatus().getCapacity().get("cpu").toString());
        });
    }

    @Test
    void answersStatusBodiesForMissingObjects() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(cluster.url() + "/apis/apps/v1/namespaces/default/deployments/nope")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, response.statusCode());
        JsonNode status = JSON.readTree(response.body());
        assertEquals("NotFound", status.path("reason").asText());
        assertEquals("deployments.apps \"nope\" not found", status.path("message").asText());
    }

    private JsonNode get(String path, String accept) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(cluster.url() + path))
                .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static List<String> names(JsonNode resources) {
        List<String> names = new ArrayList<>();
        resources.forEach(r -> names.add(r.path("name").asText()));
        return names;
    }
}
