package io.rpik8s.dev.simcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.rpik8s.dev.simcluster.admission.Admission;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code scale} subresource: a workload's replicas read and written as an {@code autoscaling/v1 Scale}. */
final class Scales {

    private final ObjectMapper json;
    private final ObjectStore store;
    private final Writes writes;

    Scales(ObjectMapper json, ObjectStore store, Writes writes) {
        this.json = json;
        this.store = store;
        this.writes = writes;
    }

    Reply scale(HttpMethod method, ResourcePath rp, Map<String, String> query, Headers headers, byte[] body)
            throws IOException {
        Optional<JsonNode> current = store.read(rp.objectPath());
        if (current.isEmpty()) {
            return Reply.json(404, ApiStatus.notFound(json, rp.qualifiedResource(), rp.name()));
        }
        ObjectNode object = (ObjectNode) current.get();
        if (method == HttpMethod.PUT || method == HttpMethod.PATCH) {
            JsonNode change = writes.parse(body);
            JsonNode scale = method == HttpMethod.PUT ? change : Patches.mergePatch(toScale(object), change);
            JsonNode before = object.deepCopy();
            object.with("spec").put("replicas", scale.path("spec").path("replicas").asInt(object.path("spec").path("replicas").asInt(1)));
            ManagedFields.recordUpdate(object, before, Writes.writer(query, headers).manager(), "scale");
            try {
                writes.admit(new ResourcePath(rp.group(), rp.version(), rp.namespace(), rp.plural(), rp.name(), null), object,
                        before, query);
            } catch (Admission.Refused e) {
                return Reply.json(e.code(), e.status());
            }
            MockResponse response = store.dispatch(HttpMethod.PUT, rp.objectPath(), object.toString());
            if (response.code() >= 300) {
                return store.reply(response, rp);
            }
            object = (ObjectNode) json.readTree(ObjectStore.bodyOf(response));
        } else if (method != HttpMethod.GET) {
            return Reply.json(405, ApiStatus.failure(json, 405, "MethodNotAllowed", "method not allowed", null, null));
        }
        return Reply.json(200, toScale(object));
    }

    private ObjectNode toScale(JsonNode object) {
        ObjectNode scale = json.createObjectNode();
        scale.put("kind", "Scale");
        scale.put("apiVersion", "autoscaling/v1");
        ObjectNode meta = scale.putObject("metadata");
        for (String f : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            meta.set(f, object.path("metadata").path(f).deepCopy());
        }
        scale.putObject("spec").put("replicas", object.path("spec").path("replicas").asInt(1));
        ObjectNode status = scale.putObject("status");
        status.put("replicas", object.path("status").path("replicas").asInt(0));
        List<String> selector = new ArrayList<>();
        object.path("spec").path("selector").path("matchLabels").fields()
                .forEachRemaining(e -> selector.add(e.getKey() + "=" + e.getValue().asText()));
        status.put("selector", String.join(",", selector));
        return scale;
    }
}
