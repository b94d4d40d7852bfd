package io.rpik8s.dev.simcluster.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rpik8s.dev.simcluster.RequestLog;
import io.rpik8s.dev.simcluster.SharedCluster;
import io.rpik8s.dev.simcluster.SimulatedCluster;
import io.rpik8s.dev.simcluster.admission.Api.Answer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The API server records who wrote an object (managedFields) and every request it receives (the request log). */
class WritersTest {

    private static final SimulatedCluster CLUSTER = SharedCluster.get();
    private static final Api API = new Api(CLUSTER);

    @Test
    void eachWriterIsRecordedUnderItsFieldManagerOrItsUserAgentAndTheRequestsAreLogged() {
        String ns = "w-" + UUID.randomUUID().toString().substring(0, 8);
        long before = CLUSTER.api().requests().mark();
        assertThat(API.post("/api/v1/namespaces", "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", "
                + "\"metadata\": {\"name\": \"" + ns + "\"}}").code()).isEqualTo(201);
        String path = "/api/v1/namespaces/" + ns + "/configmaps";
        assertThat(API.post(path, "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"cm\"}, "
                + "\"data\": {\"a\": \"1\"}}").code()).isEqualTo(201);

        Answer patched = API.patch(path + "/cm?fieldManager=kubectl-edit", "application/merge-patch+json",
                "{\"data\": {\"a\": \"2\"}}");

        assertThat(patched.code()).isEqualTo(200);
        List<String> managers = patched.body().path("metadata").path("managedFields").findValuesAsText("manager");
        // Api sends kubectl's User-Agent: the create is recorded as "kubectl", the patch under its field manager
        assertThat(managers).containsExactlyInAnyOrder("kubectl", "kubectl-edit");
        JsonNode entry = patched.body().path("metadata").path("managedFields").get(1);
        assertThat(entry.path("operation").asText()).isEqualTo("Update");
        assertThat(entry.path("time").asText()).isNotBlank();

        List<RequestLog.Request> requests = CLUSTER.api().requests().since(before).stream()
                .filter(r -> r.path().contains(ns)).toList();
        assertThat(requests).extracting(RequestLog.Request::toString).containsExactly(
                "POST " + path, "PATCH " + path + "/cm?fieldManager=kubectl-edit");
        assertThat(requests).allMatch(r -> r.userAgent().startsWith("kubectl/") && !r.fromCluster() && !r.isWatch());
    }
}
