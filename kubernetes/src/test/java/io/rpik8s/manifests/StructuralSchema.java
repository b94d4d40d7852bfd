package io.rpik8s.manifests;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The structural-schema half of {@link CrdRules}: [S] {@code staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/
 * schema/validation.go} (ValidateStructural) and [D] https://kubernetes.io/docs/tasks/extend-kubernetes/
 * custom-resources/custom-resource-definitions/#specifying-a-structural-schema; [V] as in {@link CrdRules}.
 */
final class StructuralSchema {

    /** [S] the OpenAPI types a structural schema may use. */
    private static final Set<String> SCHEMA_TYPES = Set.of("object", "array", "string", "integer", "number", "boolean");
    /** [S] logical junctors: they may only repeat what is specified outside them. */
    private static final List<String> JUNCTORS = List.of("allOf", "anyOf", "oneOf", "not");

    private StructuralSchema() {
    }

    /** [S] ValidateStructural, node by node. {@code inJunctor}: inside allOf/anyOf/oneOf/not. */
    static void checkNode(String id, String path, Map<String, Object> node, boolean inJunctor,
                                  List<String> violations) {
        Object type = node.get("type");
        boolean intOrString = Boolean.TRUE.equals(node.get("x-kubernetes-int-or-string"));
        boolean preserveUnknown = Boolean.TRUE.equals(node.get("x-kubernetes-preserve-unknown-fields"));
        if (!inJunctor) {
            // [D] "specifies a non-empty type ... with the exception of a node with x-kubernetes-int-or-string: true"
            // and x-kubernetes-preserve-unknown-fields: true (which then allows anything below it)
            if ((type == null || "".equals(type)) && !intOrString && !preserveUnknown) {
                violations.add(id + ": " + path + ".type must not be empty for structural schema");
            }
        } else {
            // [D] "does not set description, type, default, additionalProperties, nullable within an allOf, anyOf,
            // oneOf or not"
            for (String forbidden : List.of("description", "type", "default", "additionalProperties", "nullable")) {
                if (node.containsKey(forbidden)) {
                    violations.add(id + ": " + path + "." + forbidden + " must not be set inside a logical junctor");
                }
            }
        }
        if (type != null && !SCHEMA_TYPES.contains(String.valueOf(type))) {
            violations.add(id + ": " + path + ".type " + type + " is not an OpenAPI type");
        }
        // [V] "$ref" is not allowed, "uniqueItems cannot be set to true", "additionalItems cannot be set"
        if (node.containsKey("$ref")) {
            violations.add(id + ": " + path + ".$ref is not supported in CRD schemas");
        }
        if (Boolean.TRUE.equals(node.get("uniqueItems"))) {
            violations.add(id + ": " + path + ".uniqueItems cannot be set to true");
        }
        if (node.containsKey("additionalItems")) {
            violations.add(id + ": " + path + ".additionalItems is not supported in CRD schemas");
        }
        // [V] "additionalProperties and properties are mutual exclusive"
        if (node.containsKey("properties") && node.get("additionalProperties") instanceof Map) {
            violations.add(id + ": " + path + ": additionalProperties and properties are mutually exclusive");
        }
        checkExtensions(id, path, node, type, violations);
        for (var property : CrdRules.map(node.get("properties")).entrySet()) {
            checkNode(id, path + ".properties." + property.getKey(), CrdRules.map(property.getValue()), inJunctor,
                    violations);
        }
        if (node.get("additionalProperties") instanceof Map<?, ?> additional) {
            checkNode(id, path + ".additionalProperties", CrdRules.cast(additional), inJunctor, violations);
        }
        if (node.get("items") instanceof Map<?, ?> items) {
            checkNode(id, path + ".items", CrdRules.cast(items), inJunctor, violations);
        } else if ("array".equals(type) && !inJunctor) {
            // [S] an array node specifies its items ("items must be specified")
            violations.add(id + ": " + path + ".items must be specified for an array");
        }
        for (String junctor : JUNCTORS) {
            Object value = node.get(junctor);
            List<Object> alternatives = value instanceof List<?> l ? List.copyOf(l) : value == null ? List.of()
                    : List.of(value);
            for (int i = 0; i < alternatives.size(); i++) {
                checkNode(id, path + "." + junctor + "[" + i + "]", CrdRules.map(alternatives.get(i)), true, violations);
            }
        }
    }

    /** [S] the x-kubernetes-* vendor extensions and the node types they may sit on. */
    private static void checkExtensions(String id, String path, Map<String, Object> node, Object type,
                                        List<String> violations) {
        // "x-kubernetes-preserve-unknown-fields: false" is rejected: "must be true or undefined"
        if (Boolean.FALSE.equals(node.get("x-kubernetes-preserve-unknown-fields"))) {
            violations.add(id + ": " + path + ".x-kubernetes-preserve-unknown-fields must be true or undefined");
        }
        if (Boolean.TRUE.equals(node.get("x-kubernetes-int-or-string")) && type != null) {
            violations.add(id + ": " + path + ".type must be empty with x-kubernetes-int-or-string");
        }
        if (Boolean.TRUE.equals(node.get("x-kubernetes-embedded-resource")) && !"object".equals(type)) {
            violations.add(id + ": " + path + ".type must be object with x-kubernetes-embedded-resource");
        }
        Object listType = node.get("x-kubernetes-list-type");
        if (listType != null) {
            if (!"array".equals(type)) {
                violations.add(id + ": " + path + ".x-kubernetes-list-type must only be used on arrays");
            }
            if (!List.of("atomic", "set", "map").contains(listType)) {
                violations.add(id + ": " + path + ".x-kubernetes-list-type " + listType
                        + " must be atomic, set or map");
            }
            Map<String, Object> items = CrdRules.map(node.get("items"));
            List<Object> keys = CrdRules.list(node.get("x-kubernetes-list-map-keys"));
            if ("map".equals(listType)) {
                // map lists: object items whose keys are scalar and required (or defaulted)
                if (keys.isEmpty()) {
                    violations.add(id + ": " + path + ".x-kubernetes-list-map-keys must not be empty for a map list");
                }
                if (!"object".equals(items.get("type"))) {
                    violations.add(id + ": " + path + ".items.type must be object for x-kubernetes-list-type map");
                }
                List<Object> required = CrdRules.list(items.get("required"));
                for (Object key : keys) {
                    Map<String, Object> keyNode = CrdRules.map(CrdRules.map(items.get("properties")).get(String.valueOf(key)));
                    if (keyNode.isEmpty()) {
                        violations.add(id + ": " + path + ".x-kubernetes-list-map-keys " + key
                                + " is not a property of the items");
                    } else if (!required.contains(key) && !keyNode.containsKey("default")) {
                        violations.add(id + ": " + path + ".x-kubernetes-list-map-keys " + key
                                + " must be required or have a default");
                    }
                }
            } else if (!keys.isEmpty()) {
                violations.add(id + ": " + path + ".x-kubernetes-list-map-keys is only allowed for a map list");
            }
            if ("set".equals(listType) && "object".equals(items.get("type"))) {
                // a set's items are compared as a whole: scalars, or atomic objects
                if (!"atomic".equals(items.get("x-kubernetes-map-type"))) {
                    violations.add(id + ": " + path + ".items must be scalar or x-kubernetes-map-type atomic for a "
                            + "set list");
                }
            }
        } else if (node.containsKey("x-kubernetes-list-map-keys")) {
            violations.add(id + ": " + path + ".x-kubernetes-list-map-keys needs x-kubernetes-list-type map");
        }
        Object mapType = node.get("x-kubernetes-map-type");
        if (mapType != null) {
            if (!"object".equals(type)) {
                violations.add(id + ": " + path + ".x-kubernetes-map-type must only be used on objects");
            }
            if (!List.of("granular", "atomic").contains(mapType)) {
                violations.add(id + ": " + path + ".x-kubernetes-map-type " + mapType + " must be granular or atomic");
            }
        }
    }
}
