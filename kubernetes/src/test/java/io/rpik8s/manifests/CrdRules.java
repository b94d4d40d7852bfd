package io.rpik8s.manifests;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules a kube-apiserver applies when a {@code apiextensions.k8s.io/v1} CustomResourceDefinition is created,
 * checked offline on the YAML as committed. Neither the Fabric8 mock nor the simulated cluster applies them.
 * Sources (Kubernetes 1.31, the k3s line targeted, see docs/operations.md):
 * <ul>
 *   <li>[V] {@code staging/src/k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/validation/validation.go}
 *       (names, group, versions, storage, subresources, printer columns, schema restrictions)</li>
 *   <li>[S] {@code staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/schema/validation.go}
 *       (structural schemas, {@code x-kubernetes-*} extensions)</li>
 *   <li>[D] https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/</li>
 * </ul>
 * Each check returns one message per violation naming the CRD and the field path, like the API server's own errors.
 */
final class CrdRules {

    /** [V] IsDNS1123Subdomain / IsDNS1123Label / IsDNS1035Label from apimachinery's validation package. */
    private static final Pattern DNS1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    /** [V] printer column types: "integer", "number", "string", "boolean", "date". */
    private static final List<String> COLUMN_TYPES = List.of("integer", "number", "string", "boolean", "date");
    /** One segment of a simple JSONPath: ".name", or a filter / index in brackets. */
    private static final Pattern PATH_SEGMENT = Pattern.compile("\\.([A-Za-z0-9_-]+)|\\[(\\?\\(.*?\\)|\\d+|\\*)\\]");
    /** ObjectMeta fields a printer column may read even though a CRD schema never lists them. */
    private static final Set<String> OBJECT_META = Set.of("name", "namespace", "uid", "generation", "labels",
            "annotations", "creationTimestamp", "deletionTimestamp", "resourceVersion", "finalizers",
            "ownerReferences", "generateName");

    private CrdRules() {
    }

    /** Every violation of the API server's CRD rules in one parsed CRD document. */
    static List<String> check(Map<String, Object> crd) {
        List<String> violations = new ArrayList<>();
        String name = string(map(crd.get("metadata")).get("name"));
        String id = "CustomResourceDefinition " + name;
        if (!"apiextensions.k8s.io/v1".equals(crd.get("apiVersion"))) {
            // apiextensions.k8s.io/v1beta1 was removed in Kubernetes 1.22 (deprecation guide)
            violations.add(id + ": apiVersion must be apiextensions.k8s.io/v1, is " + crd.get("apiVersion"));
        }
        Map<String, Object> spec = map(crd.get("spec"));
        String group = string(spec.get("group"));
        Map<String, Object> names = map(spec.get("names"));
        String plural = string(names.get("plural"));
        // [V] metadata.name: "must be spec.names.plural+\".\"+spec.group"
        if (name == null || !name.equals(plural + "." + group)) {
            violations.add(id + ": metadata.name must be spec.names.plural + \".\" + spec.group (" + plural + "."
                    + group + ")");
        }
        // [V] spec.group: a DNS-1123 subdomain "with at least one dot"
        if (group == null || !DNS1123_SUBDOMAIN.matcher(group).matches() || !group.contains(".")) {
            violations.add(id + ": spec.group " + group + " must be a DNS subdomain with at least one dot");
        }
        // [V] spec.scope: "Namespaced" or "Cluster"
        if (!List.of("Namespaced", "Cluster").contains(spec.get("scope"))) {
            violations.add(id + ": spec.scope must be Namespaced or Cluster, is " + spec.get("scope"));
        }
        checkNames(id, names, violations);
        checkVersions(id, spec, violations);
        return violations;
    }

    /** [V] ValidateCustomResourceDefinitionNames: plural/singular DNS-1123 labels, kind set and unlike listKind. */
    private static void checkNames(String id, Map<String, Object> names, List<String> violations) {
        for (String field : List.of("plural", "singular")) {
            String value = string(names.get(field));
            if (field.equals("plural") && value == null || value != null && !DNS1123_LABEL.matcher(value).matches()) {
                violations.add(id + ": spec.names." + field + " " + value + " must be a lowercase DNS-1123 label");
            }
        }
        String kind = string(names.get("kind"));
        if (kind == null || kind.isEmpty()) {
            violations.add(id + ": spec.names.kind is required");
        } else if (kind.equals(names.get("listKind"))) {
            violations.add(id + ": spec.names.listKind must differ from spec.names.kind");
        }
        for (Object shortName : list(names.get("shortNames"))) {
            if (!DNS1123_LABEL.matcher(String.valueOf(shortName)).matches()) {
                violations.add(id + ": spec.names.shortNames " + shortName + " must be a lowercase DNS-1123 label");
            }
        }
    }

    private static void checkVersions(String id, Map<String, Object> spec, List<String> violations) {
        List<Object> versions = list(spec.get("versions"));
        if (versions.isEmpty()) {
            violations.add(id + ": spec.versions must have at least one version");
            return;
        }
        Set<String> seen = new HashSet<>();
        int storage = 0;
        boolean served = false;
        for (int i = 0; i < versions.size(); i++) {
            Map<String, Object> version = map(versions.get(i));
            String path = "spec.versions[" + i + "]";
            String versionName = string(version.get("name"));
            // [V] version names are DNS-1035 labels ("v1alpha1"), unique
            if (versionName == null || !DNS1035_LABEL.matcher(versionName).matches()) {
                violations.add(id + ": " + path + ".name " + versionName + " must be a DNS-1035 label");
            } else if (!seen.add(versionName)) {
                violations.add(id + ": " + path + ".name " + versionName + " must be unique");
            }
            storage += Boolean.TRUE.equals(version.get("storage")) ? 1 : 0;
            served |= Boolean.TRUE.equals(version.get("served"));
            Map<String, Object> schema = map(map(version.get("schema")).get("openAPIV3Schema"));
            if (schema.isEmpty()) {
                // [V] in apiextensions.k8s.io/v1 "schemas are required"
                violations.add(id + ": " + path + ".schema.openAPIV3Schema is required");
                continue;
            }
            checkRootSchema(id, path + ".schema.openAPIV3Schema", schema, violations);
            checkSubresources(id, path, map(version.get("subresources")), schema, violations);
            checkPrinterColumns(id, path, list(version.get("additionalPrinterColumns")), schema, violations);
        }
        // [V] "must have exactly one version marked as storage version"
        if (storage != 1) {
            violations.add(id + ": spec.versions must have exactly one version marked as storage version, has "
                    + storage);
        }
        // [V] "must serve at least one version"
        if (!served) {
            violations.add(id + ": spec.versions must serve at least one version");
        }
    }

    private static void checkRootSchema(String id, String path, Map<String, Object> root, List<String> violations) {
        // [S] the root of a structural schema is "type: object"
        if (!"object".equals(root.get("type"))) {
            violations.add(id + ": " + path + ".type must be object");
        }
        // [S] ValidateStructural: "additionalProperties at the root is not allowed"
        if (root.containsKey("additionalProperties")) {
            violations.add(id + ": " + path + ".additionalProperties is not allowed at the root");
        }
        // [D] "if metadata is specified, then only restrictions on metadata.name and metadata.generateName are
        // allowed"
        Map<String, Object> metadata = map(map(root.get("properties")).get("metadata"));
        for (String key : map(metadata.get("properties")).keySet()) {
            if (!List.of("name", "generateName").contains(key)) {
                violations.add(id + ": " + path + ".properties.metadata may only restrict name and generateName, "
                        + "not " + key);
            }
        }
        StructuralSchema.checkNode(id, path, root, false, violations);
    }

    /**
     * [V] subresources: scale needs specReplicasPath under .spec and statusReplicasPath under .status (both
     * required), labelSelectorPath under either; simple paths, no array notation. [D] The API server does not
     * resolve them in the schema, but /scale then fails on GET (spec) or reports 0 (status): they must point to an
     * integer field of the schema here.
     */
    private static void checkSubresources(String id, String path, Map<String, Object> subresources,
                                          Map<String, Object> schema, List<String> violations) {
        if (!subresources.containsKey("scale")) {
            return;
        }
        Map<String, Object> scale = map(subresources.get("scale"));
        String scalePath = path + ".subresources.scale";
        checkScalePath(id, scalePath + ".specReplicasPath", string(scale.get("specReplicasPath")), ".spec.", schema,
                violations);
        checkScalePath(id, scalePath + ".statusReplicasPath", string(scale.get("statusReplicasPath")), ".status.",
                schema, violations);
        String selector = string(scale.get("labelSelectorPath"));
        if (selector != null && !selector.startsWith(".spec.") && !selector.startsWith(".status.")) {
            violations.add(id + ": " + scalePath + ".labelSelectorPath should be a json path under either .spec or "
                    + ".status");
        }
    }

    private static void checkScalePath(String id, String field, String jsonPath, String prefix,
                                       Map<String, Object> schema, List<String> violations) {
        if (jsonPath == null || jsonPath.isEmpty()) {
            violations.add(id + ": " + field + ": Required value");
            return;
        }
        if (!jsonPath.startsWith(prefix) || jsonPath.contains("[")) {
            violations.add(id + ": " + field + " " + jsonPath + " should be a json path under " + prefix
                    + " without array notation");
            return;
        }
        Map<String, Object> target = resolve(schema, jsonPath);
        if (target == null) {
            violations.add(id + ": " + field + " " + jsonPath + " does not point to a field of the schema");
        } else if (!"integer".equals(target.get("type"))) {
            violations.add(id + ": " + field + " " + jsonPath + " points to a " + target.get("type")
                    + ", not an integer");
        }
    }

    /** [V] printer columns: name and jsonPath required, a known type and priority >= 0; [D] path in the schema. */
    private static void checkPrinterColumns(String id, String path, List<Object> columns, Map<String, Object> schema,
                                            List<String> violations) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            Map<String, Object> column = map(columns.get(i));
            String field = path + ".additionalPrinterColumns[" + i + "]";
            String columnName = string(column.get("name"));
            if (columnName == null || columnName.isEmpty()) {
                violations.add(id + ": " + field + ".name: Required value");
            } else if (!names.add(columnName)) {
                violations.add(id + ": " + field + ".name " + columnName + " is a duplicate");
            }
            if (!COLUMN_TYPES.contains(String.valueOf(column.get("type")))) {
                violations.add(id + ": " + field + ".type " + column.get("type") + " must be one of " + COLUMN_TYPES);
            }
            if (column.get("priority") instanceof Number p && p.intValue() < 0) {
                violations.add(id + ": " + field + ".priority must be >= 0");
            }
            String jsonPath = string(column.get("jsonPath"));
            if (jsonPath == null || jsonPath.isEmpty()) {
                violations.add(id + ": " + field + ".jsonPath: Required value");
            } else if (!resolvesForColumn(schema, jsonPath)) {
                violations.add(id + ": " + field + ".jsonPath " + jsonPath + " does not resolve in the schema: the "
                        + "column would always be empty");
            }
        }
    }

    private static boolean resolvesForColumn(Map<String, Object> schema, String jsonPath) {
        if (jsonPath.startsWith(".metadata.")) {
            String first = jsonPath.substring(".metadata.".length()).split("[.\\[]")[0];
            return OBJECT_META.contains(first);
        }
        return resolve(schema, jsonPath) != null;
    }

    /**
     * The schema node a simple JSONPath ({@code .a.b}, {@code .a[0].b}, {@code .a[?(@.x=="y")].b}) points to, or
     * null. Below x-kubernetes-preserve-unknown-fields anything resolves (the API server keeps any field there).
     */
    static Map<String, Object> resolve(Map<String, Object> schema, String jsonPath) {
        Matcher segment = PATH_SEGMENT.matcher(jsonPath);
        Map<String, Object> node = schema;
        int at = 0;
        while (at < jsonPath.length()) {
            if (!segment.find(at) || segment.start() != at) {
                return null;
            }
            if (Boolean.TRUE.equals(node.get("x-kubernetes-preserve-unknown-fields")) && !node.containsKey("properties")) {
                return node;
            }
            if (segment.group(1) != null) {
                Object child = map(node.get("properties")).get(segment.group(1));
                if (child == null && node.get("additionalProperties") instanceof Map<?, ?> additional) {
                    child = additional;
                }
                if (!(child instanceof Map<?, ?> childMap)) {
                    return null;
                }
                node = cast(childMap);
            } else {
                if (!(node.get("items") instanceof Map<?, ?> items)) {
                    return null;
                }
                node = cast(items);
            }
            at = segment.end();
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? cast(m) : Map.of();
    }

    static List<Object> list(Object value) {
        return value instanceof List<?> l ? List.copyOf(l) : List.of();
    }

    private static String string(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
