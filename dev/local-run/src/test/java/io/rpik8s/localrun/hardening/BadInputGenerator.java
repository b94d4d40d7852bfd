package io.rpik8s.localrun.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rpik8s.localrun.hardening.OpenApiCatalog.Operation;
import io.rpik8s.localrun.hardening.OpenApiCatalog.Parameter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Generates hostile requests from the operations of the services' OpenAPI documents. Each request is a plausible
 * base request (existing fixtures in the path, a body with the required properties) with one thing made bad:
 * the credential, a path or query value, one body property's type or content, the body's shape, or a size. The
 * systematic part covers every operation with every class; a seeded random part combines them up to the wanted
 * count. The same seed gives the same requests, so {@code -Dfuzz.seed} replays a run.
 */
final class BadInputGenerator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final List<Operation> operations;
    private final BiFunction<Operation, String, String> fixtures;
    private final List<TokenVariants.Variant> badCredentials;
    private final List<String> goodCredentials;
    private final String receiverUrl;
    private final List<FuzzRequest> requests = new ArrayList<>();
    private final java.util.Set<String> hugeBodySent = new java.util.HashSet<>();

    /**
     * @param fixtures the value of a path parameter that names an existing object, per operation and parameter
     * @param goodCredentials Authorization headers of valid tokens (the first is an admin's)
     */
    BadInputGenerator(List<Operation> operations, BiFunction<Operation, String, String> fixtures,
            List<TokenVariants.Variant> badCredentials, List<String> goodCredentials, String receiverUrl) {
        this.operations = operations;
        this.fixtures = fixtures;
        this.badCredentials = badCredentials;
        this.goodCredentials = goodCredentials;
        this.receiverUrl = receiverUrl;
    }

    List<FuzzRequest> generate(long seed, int atLeast) {
        requests.clear();
        hugeBodySent.clear();
        for (Operation op : operations) {
            systematic(op);
        }
        Random random = new Random(seed);
        while (requests.size() < atLeast) {
            randomCase(operations.get(random.nextInt(operations.size())), random);
        }
        return List.copyOf(requests);
    }

    private void systematic(Operation op) {
        String admin = goodCredentials.get(0);
        for (TokenVariants.Variant bad : badCredentials) {
            add(op, "auth:" + bad.name(), basePath(op, Map.of()), bad.authorization(), Map.of(), baseBody(op), 401);
        }
        add(op, "huge-header", basePath(op, Map.of()), admin, Map.of("X-Fuzz", "h".repeat(60_000)), baseBody(op), 0);
        add(op, "huge-query", basePath(op, Map.of()) + (basePath(op, Map.of()).contains("?") ? "&" : "?") + "q="
                + "q".repeat(5_000), admin, Map.of(), baseBody(op), 0);
        for (Parameter p : op.parameters()) {
            for (HostileValues.Named value : HostileValues.STRINGS) {
                if (unsafeOnAFixture(op, p)) {
                    continue;
                }
                add(op, p.in() + ":" + p.name() + ":" + value.name(), basePath(op, Map.of(p.name(), value.value())),
                        admin, Map.of(), baseBody(op), 0);
            }
            if (!"string".equals(p.schema() == null ? "" : p.schema().path("type").asText())) {
                add(op, p.in() + ":" + p.name() + ":wrong-type", basePath(op, Map.of(p.name(), "three")), admin,
                        Map.of(), baseBody(op), 0);
            }
        }
        if (op.bodySchema() == null) {
            return;
        }
        String path = basePath(op, Map.of());
        ObjectNode base = baseObject(op);
        for (String property : propertyPaths(op.bodySchema(), "")) {
            JsonNode schema = schemaAt(op.bodySchema(), property);
            for (HostileValues.Named wrong : HostileValues.wrongTypes(schema)) {
                add(op, "body:" + property + ":type-" + wrong.name(), path, admin, Map.of(),
                        bytes(with(base, property, rawJson(wrong.value()))), 0);
            }
            if ("string".equals(schema.path("type").asText())) {
                for (HostileValues.Named value : HostileValues.STRINGS) {
                    add(op, "body:" + property + ":" + value.name(), path, admin, Map.of(),
                            bytes(with(base, property, HostileValues.text(value.value()))), 0);
                }
            }
        }
        byte[] valid = bytes(base);
        add(op, "body:truncated", path, admin, Map.of(), java.util.Arrays.copyOf(valid, valid.length / 2), 0);
        add(op, "body:deep-5000", path, admin, Map.of(), HostileValues.deep(5_000).getBytes(), 0);
        add(op, "body:deep-object", path, admin, Map.of(), ("{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000))
                .getBytes(), 0);
        add(op, "body:array", path, admin, Map.of(), "[]".getBytes(), 0);
        add(op, "body:string", path, admin, Map.of(), "\"x\"".getBytes(), 0);
        add(op, "body:number", path, admin, Map.of(), "42".getBytes(), 0);
        add(op, "body:null", path, admin, Map.of(), "null".getBytes(), 0);
        add(op, "body:empty", path, admin, Map.of(), new byte[0], 0);
        add(op, "body:not-json", path, admin, Map.of(), "name=x&\u0000".getBytes(StandardCharsets.UTF_8), 0);
        add(op, "body:invalid-utf8", path, admin, Map.of(), new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':',
                '1', '}'}, 0);
        if (hugeBodySent.add(op.service())) {
            // Past the default 10 MB request limit; once per service, as it costs the most to send.
            add(op, "body:huge-11MB", path, admin, Map.of(), bytes(with(base, "padding",
                    HostileValues.text("p".repeat(11 * 1024 * 1024)))), 0);
        }
        add(op, "body:wrong-content-type", path, admin, Map.of("Content-Type", "text/plain"), valid, 0);
        add(op, "body:duplicate-keys", path, admin, Map.of(), ("{\"a\":1,\"a\":2," + new String(valid,
                StandardCharsets.UTF_8).substring(1)).getBytes(StandardCharsets.UTF_8), 0);
    }

    private void randomCase(Operation op, Random random) {
        String credential = goodCredentials.get(random.nextInt(goodCredentials.size()));
        Map<String, String> pathValues = new LinkedHashMap<>();
        for (Parameter p : op.parameters()) {
            if (random.nextInt(3) == 0 && !unsafeOnAFixture(op, p)) {
                pathValues.put(p.name(), HostileValues.random(random));
            }
        }
        byte[] body = null;
        if (op.bodySchema() != null) {
            ObjectNode object = baseObject(op);
            List<String> properties = propertyPaths(op.bodySchema(), "");
            int changes = 1 + random.nextInt(2);
            for (int i = 0; i < changes && !properties.isEmpty(); i++) {
                String property = properties.get(random.nextInt(properties.size()));
                JsonNode value = random.nextBoolean() ? HostileValues.text(HostileValues.random(random))
                        : rawJson(HostileValues.wrongTypes(schemaAt(op.bodySchema(), property))
                                .get(random.nextInt(HostileValues.wrongTypes(schemaAt(op.bodySchema(), property)).size()))
                                .value());
                object = with(object, property, value);
            }
            body = bytes(object);
        } else if (pathValues.isEmpty()) {
            // Nothing else to make bad: a bad credential.
            TokenVariants.Variant bad = badCredentials.get(random.nextInt(badCredentials.size()));
            add(op, "random:auth:" + bad.name(), basePath(op, Map.of()), bad.authorization(), Map.of(), null, 401);
            return;
        }
        add(op, "random", basePath(op, pathValues), credential, Map.of(), body, 0);
    }

    /**
     * A DELETE or a bodiless action must not reach a fixture with only a bad query value: a service that ignored
     * the value would delete or change the fixture. Path values are always hostile there.
     */
    private static boolean unsafeOnAFixture(Operation op, Parameter p) {
        return "query".equals(p.in()) && op.mutating() && op.bodySchema() == null;
    }

    private void add(Operation op, String attack, String pathAndQuery, String authorization, Map<String, String> headers,
            byte[] body, int expectedStatus) {
        requests.add(new FuzzRequest(requests.size(), op, attack, op.method(), pathAndQuery, authorization, headers,
                body, expectedStatus));
    }

    /** The operation's path with fixtures (or {@code overrides}) for path parameters, and the required query. */
    private String basePath(Operation op, Map<String, String> overrides) {
        String path = op.path();
        StringBuilder query = new StringBuilder();
        for (Parameter p : op.parameters()) {
            String value = overrides.get(p.name());
            if ("path".equals(p.in())) {
                if (value == null) {
                    // A DELETE or bodiless action on a fixture would change it: those always get a hostile name.
                    value = op.mutating() && op.bodySchema() == null ? "fuzz-missing" : fixtures.apply(op, p.name());
                }
                path = path.replace("{" + p.name() + "}", encodePath(value));
            } else if ("query".equals(p.in()) && (value != null || p.required())) {
                query.append(query.isEmpty() ? "?" : "&").append(p.name()).append('=')
                        .append(URLEncoder.encode(value != null ? value : requiredQuery(p), StandardCharsets.UTF_8));
            }
        }
        return path + query;
    }

    private static String requiredQuery(Parameter p) {
        return switch (p.name()) {
            case "query" -> "up";
            case "confirm" -> "fuzz-missing";
            default -> "1";
        };
    }

    private static String encodePath(String value) {
        // Percent-encodes everything but unreserved characters and '/', '.', so traversal attempts reach the server.
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private byte[] baseBody(Operation op) {
        return op.bodySchema() == null ? null : bytes(baseObject(op));
    }

    /** A body with every required property set to a plausible value (names are fixtures-to-be: fuzz-base). */
    private ObjectNode baseObject(Operation op) {
        ObjectNode body = NODES.objectNode();
        JsonNode schema = op.bodySchema();
        for (JsonNode required : schema.path("required")) {
            String name = required.asText();
            body.set(name, plausible(name, schema.path("properties").path(name)));
        }
        return body;
    }

    private JsonNode plausible(String name, JsonNode schema) {
        switch (name) {
            case "name": return NODES.textNode(schema.path("pattern").asText().contains("_") ? "fuzz_base" : "fuzz-base");
            case "namespace": return NODES.textNode("default");
            case "image": return NODES.textNode("nginx:1.27");
            case "url": return NODES.textNode(receiverUrl);
            case "subject": return NODES.textNode("fuzz");
            case "capacity": return NODES.textNode("1Gi");
            case "key": return NODES.textNode("fuzz.txt");
            case "method": return NODES.textNode("GET");
            case "policy": return NODES.textNode("private");
            case "since": return NODES.textNode("2026-01-01T00:00:00Z");
            default: break;
        }
        return switch (schema.path("type").asText()) {
            case "integer", "number" -> NODES.numberNode(Math.max(1, schema.path("minimum").asLong(1)));
            case "boolean" -> NODES.booleanNode(false);
            case "array" -> NODES.arrayNode().add(plausible(name, schema.path("items")));
            case "object" -> NODES.objectNode();
            default -> NODES.textNode(schema.path("pattern").asText().contains("viewer") ? "viewer" : "fuzz");
        };
    }

    /** Dotted paths of the body's properties: top level, and one level into objects and arrays of objects. */
    private static List<String> propertyPaths(JsonNode schema, String prefix) {
        List<String> paths = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(name -> {
            String path = prefix + name;
            paths.add(path);
            JsonNode child = schema.path("properties").path(name);
            JsonNode nested = "array".equals(child.path("type").asText()) ? child.path("items") : child;
            if (prefix.isEmpty() && nested.has("properties")) {
                paths.addAll(propertyPaths(nested, path + "."));
            }
        });
        return paths;
    }

    private static JsonNode schemaAt(JsonNode schema, String dotted) {
        JsonNode node = schema;
        for (String part : dotted.split("\\.")) {
            JsonNode next = node.path("properties").path(part);
            if (next.isMissingNode() && "array".equals(node.path("type").asText())) {
                next = node.path("items").path("properties").path(part);
            }
            node = next;
        }
        return node;
    }

    /** A copy of {@code base} with {@code dotted} set to {@code value} (into the first element of an array). */
    private static ObjectNode with(ObjectNode base, String dotted, JsonNode value) {
        ObjectNode copy = base.deepCopy();
        String[] parts = dotted.split("\\.");
        ObjectNode target = copy;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = target.get(parts[i]);
            if (child instanceof ArrayNode array) {
                if (array.isEmpty() || !array.get(0).isObject()) {
                    array.removeAll();
                    array.addObject();
                }
                target = (ObjectNode) array.get(0);
            } else if (child instanceof ObjectNode object) {
                target = object;
            } else {
                ObjectNode created = NODES.objectNode();
                target.set(parts[i], created);
                target = created;
            }
        }
        target.set(parts[parts.length - 1], value);
        return copy;
    }

    private static JsonNode rawJson(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
