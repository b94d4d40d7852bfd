package io.rpik8s.dev.simcluster.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * A custom resource checked against its CRD's {@code openAPIV3Schema} as kube-apiserver does: fields the schema does
 * not declare are pruned (unless {@code x-kubernetes-preserve-unknown-fields}) and reported, then types, required
 * fields, enums, patterns, lengths, bounds and item counts are validated; every failure is a {@link Cause} with its
 * field path and kube-apiserver's wording.
 */
final class CrdSchema {

    private static final java.util.Set<String> ROOT_FIELDS = java.util.Set.of("apiVersion", "kind", "metadata");

    private CrdSchema() {
    }

    /** Removes undeclared fields from {@code object} and answers their paths ({@code spec.foo}). */
    static List<String> prune(JsonNode schema, JsonNode object) {
        List<String> unknown = new ArrayList<>();
        prune(schema, object, "", unknown, true);
        return unknown;
    }

    private static void prune(JsonNode schema, JsonNode value, String path, List<String> unknown, boolean root) {
        if (schema == null || schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            return;
        }
        if (value instanceof ObjectNode object) {
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = field.getKey();
                String child = path.isEmpty() ? key : path + "." + key;
                if (root && ROOT_FIELDS.contains(key)) {
                    continue;
                }
                if (properties.has(key)) {
                    prune(properties.get(key), field.getValue(), child, unknown, false);
                } else if (additional.isObject()) {
                    prune(additional, field.getValue(), child, unknown, false);
                } else if (!additional.asBoolean(false)) {
                    unknown.add(child);
                    fields.remove();
                }
            }
        } else if (value != null && value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                prune(schema.get("items"), value.get(i), path + "[" + i + "]", unknown, false);
            }
        }
    }

    /** The causes for which the API server refuses {@code object} (empty when it is valid). */
    static List<Cause> validate(JsonNode schema, JsonNode object) {
        List<Cause> causes = new ArrayList<>();
        validate(schema, object, "", causes, true);
        return causes;
    }

    private static void validate(JsonNode schema, JsonNode value, String path, List<Cause> causes, boolean root) {
        if (schema == null || schema.isMissingNode() || value == null || value.isMissingNode()) {
            return;
        }
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false) && schema.has("type")) {
                causes.add(Cause.typeInvalid(path, "null", schema.path("type").asText()));
            }
            return;
        }
        if (!typeMatches(schema, value)) {
            causes.add(Cause.typeInvalid(path, typeOf(value), schema.path("type").asText()));
            return;
        }
        if (schema.has("enum") && !StreamSupport.stream(schema.get("enum").spliterator(), false).anyMatch(value::equals)) {
            causes.add(Cause.notSupported(path, value, StreamSupport.stream(schema.get("enum").spliterator(), false)
                    .map(Cause::render).collect(Collectors.joining(", "))));
        }
        if (value.isTextual()) {
            string(schema, value, path, causes);
        } else if (value.isNumber()) {
            number(schema, value, path, causes);
        } else if (value.isArray()) {
            array(schema, value, path, causes);
        } else if (value.isObject()) {
            object(schema, value, path, causes, root);
        }
    }

    private static void string(JsonNode schema, JsonNode value, String path, List<Cause> causes) {
        String text = value.asText();
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
            causes.add(Cause.invalid(path, value, path + " in body should match '" + schema.get("pattern").asText() + "'"));
        }
        if (schema.has("minLength") && text.codePointCount(0, text.length()) < schema.get("minLength").asInt()) {
            causes.add(Cause.invalid(path, value, path + " in body should be at least " + schema.get("minLength").asInt()
                    + " chars long"));
        }
        if (schema.has("maxLength") && text.codePointCount(0, text.length()) > schema.get("maxLength").asInt()) {
            causes.add(Cause.tooLong(path, schema.get("maxLength").asInt()));
        }
    }

    private static void number(JsonNode schema, JsonNode value, String path, List<Cause> causes) {
        double v = value.asDouble();
        if (schema.has("minimum")) {
            double min = schema.get("minimum").asDouble();
            boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
            if (exclusive ? v <= min : v < min) {
                causes.add(Cause.invalid(path, value, path + " in body should be greater than "
                        + (exclusive ? "" : "or equal to ") + number(min)));
            }
        }
        if (schema.has("maximum")) {
            double max = schema.get("maximum").asDouble();
            boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
            if (exclusive ? v >= max : v > max) {
                causes.add(Cause.invalid(path, value, path + " in body should be less than "
                        + (exclusive ? "" : "or equal to ") + number(max)));
            }
        }
    }

    private static void array(JsonNode schema, JsonNode value, String path, List<Cause> causes) {
        if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
            causes.add(Cause.invalid(path, value.size() + "", path + " in body should have at least "
                    + schema.get("minItems").asInt() + " items"));
        }
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
            causes.add(Cause.tooMany(path, value.size(), schema.get("maxItems").asInt()));
        }
        for (int i = 0; i < value.size(); i++) {
            validate(schema.get("items"), value.get(i), path + "[" + i + "]", causes, false);
        }
    }

    private static void object(JsonNode schema, JsonNode value, String path, List<Cause> causes, boolean root) {
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                causes.add(Cause.required(path.isEmpty() ? required.asText() : path + "." + required.asText()));
            }
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        value.fields().forEachRemaining(field -> {
            String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            if (root && ROOT_FIELDS.contains(field.getKey())) {
                return;
            }
            if (properties.has(field.getKey())) {
                validate(properties.get(field.getKey()), field.getValue(), child, causes, false);
            } else if (additional.isObject()) {
                validate(additional, field.getValue(), child, causes, false);
            }
        });
        if (schema.has("minProperties") && value.size() < schema.get("minProperties").asInt()) {
            causes.add(Cause.invalid(path, value.size() + "", path + " in body should have at least "
                    + schema.get("minProperties").asInt() + " properties"));
        }
        if (schema.has("maxProperties") && value.size() > schema.get("maxProperties").asInt()) {
            causes.add(Cause.tooMany(path, value.size(), schema.get("maxProperties").asInt()));
        }
    }

    private static boolean typeMatches(JsonNode schema, JsonNode value) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            return value.isIntegralNumber() || value.isTextual();
        }
        return switch (schema.path("type").asText("")) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()));
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }

    private static String typeOf(JsonNode value) {
        if (value.isTextual()) {
            return "string";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "number";
        }
        return value.isBoolean() ? "boolean" : value.isArray() ? "array" : "object";
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
