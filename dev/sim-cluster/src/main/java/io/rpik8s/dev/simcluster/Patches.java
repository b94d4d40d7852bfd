package io.rpik8s.dev.simcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The patch flavours kubectl and client libraries send that the Fabric8 mock does not implement itself:
 * JSON merge patch (RFC 7386, with {@code null} deleting a field) and strategic merge patch, whose lists of
 * objects merge by a key ({@code containers} by name, {@code volumeMounts} by mountPath...). Server-side apply
 * bodies are merged with the strategic rules as well: without field ownership that is the closest match.
 */
public final class Patches {

    /** Merge keys of the built-in types' lists (from the {@code patchMergeKey} tags of the Kubernetes API). */
    private static final Map<String, String> MERGE_KEYS = Map.ofEntries(
            Map.entry("containers", "name"), Map.entry("initContainers", "name"),
            Map.entry("ephemeralContainers", "name"), Map.entry("volumes", "name"), Map.entry("env", "name"),
            Map.entry("imagePullSecrets", "name"), Map.entry("volumeMounts", "mountPath"),
            Map.entry("volumeDevices", "devicePath"), Map.entry("hostAliases", "ip"),
            Map.entry("conditions", "type"), Map.entry("ownerReferences", "uid"),
            Map.entry("topologySpreadConstraints", "topologyKey"), Map.entry("resourceClaims", "name"));

    private Patches() {
    }

    public static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
            }
        }
        return result;
    }

    public static JsonNode strategicMergePatch(JsonNode target, JsonNode patch) {
        return smp(target, patch, null);
    }

    private static JsonNode smp(JsonNode target, JsonNode patch, String fieldName) {
        if (patch.isObject()) {
            String directive = patch.path("$patch").asText("");
            if ("delete".equals(directive)) {
                return null;
            }
            if ("replace".equals(directive)) {
                ObjectNode copy = ((ObjectNode) patch).deepCopy();
                copy.remove("$patch");
                return copy;
            }
            ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                    : JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                if (key.startsWith("$setElementOrder/") || key.equals("$retainKeys") || key.equals("$patch")) {
                    continue;
                }
                if (key.startsWith("$deleteFromPrimitiveList/")) {
                    String list = key.substring("$deleteFromPrimitiveList/".length());
                    Set<String> drop = new HashSet<>();
                    e.getValue().forEach(v -> drop.add(v.asText()));
                    if (result.get(list) instanceof ArrayNode array) {
                        for (int i = array.size() - 1; i >= 0; i--) {
                            if (drop.contains(array.get(i).asText())) {
                                array.remove(i);
                            }
                        }
                    }
                    continue;
                }
                if (e.getValue().isNull()) {
                    result.remove(key);
                    continue;
                }
                JsonNode merged = smp(result.get(key), e.getValue(), key);
                if (merged == null) {
                    result.remove(key);
                } else {
                    result.set(key, merged);
                }
            }
            return result;
        }
        if (patch.isArray() && target != null && target.isArray()) {
            String mergeKey = mergeKey(fieldName, (ArrayNode) patch, (ArrayNode) target);
            if (mergeKey != null) {
                return mergeList((ArrayNode) target, (ArrayNode) patch, mergeKey);
            }
        }
        if (patch.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            patch.forEach(element -> {
                if (!(element.isObject() && element.has("$patch"))) {
                    copy.add(element.deepCopy());
                }
            });
            return copy;
        }
        return patch.deepCopy();
    }

    private static String mergeKey(String field, ArrayNode patch, ArrayNode target) {
        if (field == null) {
            return null;
        }
        if ("ports".equals(field)) {
            // Container ports merge by containerPort, Service ports by port.
            JsonNode sample = patch.isEmpty() ? target.path(0) : patch.get(0);
            return sample.has("containerPort") ? "containerPort" : sample.has("port") ? "port" : null;
        }
        return MERGE_KEYS.get(field);
    }

    private static ArrayNode mergeList(ArrayNode target, ArrayNode patch, String key) {
        ArrayNode result = target.deepCopy();
        for (JsonNode element : patch) {
            if (!element.isObject() || !element.has(key)) {
                if (!(element.isObject() && "replace".equals(element.path("$patch").asText()))) {
                    result.add(element.deepCopy());
                }
                continue;
            }
            String id = element.get(key).asText();
            int index = -1;
            for (int i = 0; i < result.size(); i++) {
                if (id.equals(result.get(i).path(key).asText())) {
                    index = i;
                    break;
                }
            }
            JsonNode merged = smp(index >= 0 ? result.get(index) : null, element, null);
            if (merged == null) {
                if (index >= 0) {
                    result.remove(index);
                }
            } else if (index >= 0) {
                result.set(index, merged);
            } else {
                result.add(merged);
            }
        }
        return result;
    }
}
