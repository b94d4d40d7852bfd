package io.rpik8s.localrun.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every operation of a running service, read from its own OpenAPI document ({@code /q/openapi}). */
final class OpenApiCatalog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    private OpenApiCatalog() {
    }

    /** One operation: where it is, what it takes. */
    record Operation(String service, String method, String path, List<Parameter> parameters, JsonNode bodySchema,
            String bodyType) {

        boolean mutating() {
            return !"GET".equals(method);
        }

        boolean namesANamespace() {
            return parameters.stream().anyMatch(p -> p.name().equals("namespace"));
        }

        @Override
        public String toString() {
            return service + " " + method + " " + path;
        }
    }

    /** A path or query parameter and its schema. */
    record Parameter(String name, String in, boolean required, JsonNode schema) {
    }

    static List<Operation> read(String service, String baseUrl) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(baseUrl + "/q/openapi?format=json")).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(service + " /q/openapi answered " + response.statusCode());
        }
        JsonNode document = JSON.readTree(response.body());
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (String method : METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op == null) {
                    continue;
                }
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode p : concat(path.getValue().path("parameters"), op.path("parameters"))) {
                    JsonNode resolved = resolve(document, p);
                    parameters.add(new Parameter(resolved.path("name").asText(), resolved.path("in").asText(),
                            resolved.path("required").asBoolean(false), resolve(document, resolved.path("schema"))));
                }
                JsonNode body = null;
                String bodyType = null;
                JsonNode content = op.path("requestBody").path("content");
                if (content.isObject() && content.size() > 0) {
                    bodyType = content.has("application/json") ? "application/json" : content.fieldNames().next();
                    body = inline(document, content.path(bodyType).path("schema"), 0);
                }
                operations.add(new Operation(service, method.toUpperCase(Locale.ROOT), path.getKey(),
                        List.copyOf(parameters), body, bodyType));
            }
        }
        return operations;
    }

    private static List<JsonNode> concat(JsonNode a, JsonNode b) {
        List<JsonNode> all = new ArrayList<>();
        a.forEach(all::add);
        b.forEach(all::add);
        return all;
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        if (node != null && node.has("$ref")) {
            String ref = node.get("$ref").asText();
            return document.at(ref.substring(1));
        }
        return node;
    }

    /** The schema with every {@code $ref} replaced by its target (cycles cut after a few levels). */
    private static JsonNode inline(JsonNode document, JsonNode schema, int depth) {
        JsonNode resolved = resolve(document, schema);
        if (resolved == null || !resolved.isObject() || depth > 6) {
            return resolved;
        }
        ObjectNode copy = resolved.deepCopy();
        if (copy.has("properties")) {
            ObjectNode properties = (ObjectNode) copy.get("properties");
            properties.fieldNames().forEachRemaining(name ->
                    properties.set(name, inline(document, properties.get(name), depth + 1)));
        }
        if (copy.has("items")) {
            copy.set("items", inline(document, copy.get("items"), depth + 1));
        }
        if (copy.has("additionalProperties") && copy.get("additionalProperties").isObject()) {
            copy.set("additionalProperties", inline(document, copy.get("additionalProperties"), depth + 1));
        }
        for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
            if (copy.has(combinator) && copy.get(combinator).size() > 0) {
                // The first alternative is enough to build a plausible body.
                JsonNode first = inline(document, copy.get(combinator).get(0), depth + 1);
                copy.remove(combinator);
                if (first != null && first.isObject()) {
                    first.fields().forEachRemaining(f -> copy.putIfAbsent(f.getKey(), f.getValue()));
                }
            }
        }
        return copy;
    }
}
