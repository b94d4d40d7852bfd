package io.rpik8s.dev.simcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Fabric8 mock server's CRUD store behind the simulated API, with the reads the API server's handlers share. */
final class ObjectStore {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectStore.class);

    private final ObjectMapper json;
    private final KubernetesCrudDispatcher dispatcher = new KubernetesCrudDispatcher();

    ObjectStore(ObjectMapper json) {
        this.json = json;
    }

    KubernetesCrudDispatcher dispatcher() {
        return dispatcher;
    }

    MockResponse dispatch(HttpMethod method, String path, String body) {
        return dispatcher.dispatch(request(method, path, body));
    }

    MockResponse handleWatch(String uri) {
        return dispatcher.handleWatch(uri);
    }

    List<JsonNode> customResourceDefinitions() {
        return items("/apis/apiextensions.k8s.io/v1/customresourcedefinitions");
    }

    List<JsonNode> items(String path) {
        MockResponse response = dispatcher.handleGet(path);
        List<JsonNode> items = new ArrayList<>();
        try {
            json.readTree(bodyOf(response)).path("items").forEach(items::add);
        } catch (IOException e) {
            LOG.debug("Unreadable list {}", path, e);
        }
        return items;
    }

    Optional<JsonNode> read(String path) {
        MockResponse response = dispatcher.handleGet(path);
        String body = bodyOf(response);
        if (response.code() != 200 || body.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode node = json.readTree(body);
            return node.has("items") ? Optional.empty() : Optional.of(node);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    boolean exists(String path) {
        return read(path).isPresent();
    }

    /** The store's answer to a write in kube-apiserver's words (Status bodies, 200 for the mock's 202). */
    Reply reply(MockResponse response, ResourcePath rp) {
        String body = bodyOf(response);
        int code = response.code() == 202 ? 200 : response.code();
        if (code == 404 && body.isEmpty()) {
            return Reply.json(404, ApiStatus.notFound(json, rp.qualifiedResource(), rp.name()));
        }
        if (code == 409 && rp.name() != null) {
            return Reply.json(409, ApiStatus.conflict(json, rp));
        }
        if (code == 415) {
            return Reply.json(415, ApiStatus.failure(json, 415, "UnsupportedMediaType", "unsupported media type", null, null));
        }
        return new Reply(code, Reply.JSON_TYPE, body);
    }

    static RecordedRequest request(HttpMethod method, String path, String body) {
        Headers.Builder headers = Headers.builder();
        if (body != null) {
            headers.add("Content-Type", Reply.JSON_TYPE);
        }
        return new RecordedRequest("HTTP/1.1", method, path, headers.build(),
                new Buffer(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
    }

    static String bodyOf(MockResponse response) {
        return response.getBody() == null ? "" : new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
    }
}
