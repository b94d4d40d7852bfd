package io.rpik8s.dev.simcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The GETs that are neither watches nor logs: the fixed paths (discovery, {@code /version}, health, OpenAPI,
 * {@code metrics.k8s.io}) and stored objects and lists, as Tables when kubectl asks for them.
 */
final class Reads {

    private final ObjectMapper json;
    private final ObjectStore store;
    private final ApiCatalog catalog;
    private final TableRenderer tables;
    private final MetricsApi metrics;

    Reads(ObjectMapper json, ObjectStore store, ApiCatalog catalog, TableRenderer tables, MetricsApi metrics) {
        this.json = json;
        this.store = store;
        this.catalog = catalog;
        this.tables = tables;
        this.metrics = metrics;
    }

    Optional<Reply> fixedPaths(String path, Map<String, String> query) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        switch (p) {
            case "/version":
                return Optional.of(Reply.json(200, version()));
            case "/healthz", "/livez", "/readyz":
                return Optional.of(new Reply(200, "text/plain", "ok"));
            case "/api":
                return Optional.of(Reply.json(200, catalog.coreVersions()));
            case "/apis":
                return Optional.of(Reply.json(200, catalog.groupList()));
            case "/":
                ObjectNode paths = json.createObjectNode();
                ArrayNode list = paths.putArray("paths");
                List.of("/api", "/api/v1", "/apis", "/healthz", "/livez", "/readyz", "/version").forEach(list::add);
                return Optional.of(Reply.json(200, paths));
            default:
                break;
        }
        if ("/openapi/v3".equals(p)) {
            return Optional.of(Reply.json(200, catalog.openApiIndex()));
        }
        if (p.startsWith("/openapi/v3/")) {
            String gv = p.substring("/openapi/v3/".length()).replaceFirst("^apis?/", "");
            return Optional.of(catalog.openApi(gv).map(d -> Reply.json(200, d)).orElse(notFoundPlain()));
        }
        if (p.startsWith("/openapi")) {
            return Optional.of(Reply.json(404, ApiStatus.failure(json, 404, "NotFound",
                    "the simulated cluster does not serve OpenAPI documents", null, null)));
        }
        String[] s = p.substring(1).split("/");
        if (s.length == 2 && "api".equals(s[0])) {
            return Optional.of(catalog.resourceList("", s[1]).map(d -> Reply.json(200, d)).orElse(notFoundPlain()));
        }
        if (s.length == 2 && "apis".equals(s[0])) {
            return Optional.of(catalog.group(s[1]).map(d -> Reply.json(200, d)).orElse(notFoundPlain()));
        }
        if (s.length == 3 && "apis".equals(s[0])) {
            return Optional.of(catalog.resourceList(s[1], s[2]).map(d -> Reply.json(200, d)).orElse(notFoundPlain()));
        }
        if (s.length >= 3 && "apis".equals(s[0]) && "metrics.k8s.io".equals(s[1])) {
            return Optional.of(metrics.answer(ResourcePath.parse(p).orElse(null)));
        }
        return Optional.empty();
    }

    Reply notFoundPlain() {
        return Reply.json(404, ApiStatus.failure(json, 404, "NotFound", "the server could not find the requested resource",
                null, null));
    }

    private ObjectNode version() {
        ObjectNode v = json.createObjectNode();
        v.put("major", "1");
        v.put("minor", "31");
        v.put("gitVersion", SimulatedApiServer.KUBERNETES_VERSION);
        v.put("gitCommit", "0000000000000000000000000000000000simulated");
        v.put("gitTreeState", "clean");
        v.put("buildDate", "2026-01-01T00:00:00Z");
        v.put("goVersion", "go1.22.12");
        v.put("compiler", "gc");
        v.put("platform", "linux/arm64");
        v.put("simulated", true);
        v.put("note", "rpi-k8s-platform local run: SIMULATED k3s cluster (Fabric8 mock server), not real hardware");
        return v;
    }

    Reply get(String uri, ResourcePath rp, Map<String, String> query, Headers headers) throws IOException {
        MockResponse response = store.dispatch(HttpMethod.GET, storePath(uri, rp), null);
        String body = ObjectStore.bodyOf(response);
        if (response.code() == 404 || (rp.name() != null && body.isEmpty())) {
            return Reply.json(404, ApiStatus.notFound(json, rp.qualifiedResource(), rp.name()));
        }
        JsonNode node = json.readTree(body);
        Optional<ApiResource> resource = catalog.find(rp.group(), rp.version(), rp.plural());
        if (node.has("items") && node instanceof ObjectNode list) {
            resource.ifPresent(r -> {
                list.put("kind", r.kind() + "List");
                list.put("apiVersion", r.groupVersion());
            });
            ((ObjectNode) list.with("metadata")).remove("selfLink");
        }
        String accept = String.valueOf(headers.header("Accept"));
        if (accept.contains("as=Table") && resource.isPresent()) {
            return Reply.json(200, tables.render(resource.get(), node, query.get("includeObject"), true));
        }
        return Reply.json(200, node);
    }

    private static String storePath(String uri, ResourcePath rp) {
        // The mock ignores query parameters other than label and field selectors; limit/continue are dropped.
        return uri;
    }
}
