package io.rpik8s.dev.simcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Server-side apply as production's clients send it (fabric8 {@code serverSideApply()}, JOSDK with SSA on) against
 * the simulated API server: create when missing, merge when present, the field manager recorded, and the API
 * server's refusal of an apply without a field manager.
 */
class ServerSideApplyTest {

    private final SimulatedCluster cluster = SharedCluster.get();

    @Test
    void applyCreatesThenMergesAndRecordsTheFieldManagerOnce() {
        var client = cluster.client();
        ConfigMap first = new ConfigMapBuilder().withNewMetadata().withName("ssa-settings").withNamespace("default")
                .endMetadata().addToData("mode", "fast").build();
        ConfigMap created = client.resource(first).fieldManager("platform-test").forceConflicts().serverSideApply();
        assertEquals(Map.of("mode", "fast"), created.getData());
        assertEquals(List.of("platform-test/Apply"), managers(created));

        ConfigMap second = new ConfigMapBuilder(first).addToData("mode", "safe").addToData("retries", "3").build();
        ConfigMap updated = client.resource(second).fieldManager("platform-test").forceConflicts().serverSideApply();
        assertEquals(Map.of("mode", "safe", "retries", "3"), updated.getData());
        assertEquals(List.of("platform-test/Apply"), managers(updated));

        ConfigMap stored = client.configMaps().inNamespace("default").withName("ssa-settings").get();
        assertEquals(Map.of("mode", "safe", "retries", "3"), stored.getData());
        assertEquals(List.of("platform-test/Apply"), managers(stored));
    }

    @Test
    void applyWithoutAFieldManagerIs422LikeTheRealApiServer() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(cluster.url() + "/api/v1/namespaces/default/configmaps/ssa-nomanager"))
                .header("Content-Type", "application/apply-patch+yaml")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(
                        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"ssa-nomanager\"}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(422, response.statusCode(), response.body());
        JsonNode status = new ObjectMapper().readTree(response.body());
        assertEquals("Invalid", status.path("reason").asText());
        assertEquals(404, HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(cluster.url() + "/api/v1/namespaces/default/configmaps/ssa-nomanager")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    private static List<String> managers(ConfigMap map) {
        return map.getMetadata().getManagedFields().stream()
                .map((ManagedFieldsEntry e) -> e.getManager() + "/" + e.getOperation()).toList();
    }
}
