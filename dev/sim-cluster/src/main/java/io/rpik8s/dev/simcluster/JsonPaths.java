package io.rpik8s.dev.simcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/** The simple JSONPath subset CRD printer columns use: {@code .status.conditions[?(@.type=="Ready")].status}, {@code .spec.a.b}, {@code .x[0]}. */
final class JsonPaths {

    private JsonPaths() {
    }

    static JsonNode select(JsonNode root, String path) {
        String p = path.startsWith("{") && path.endsWith("}") ? path.substring(1, path.length() - 1) : path;
        if (p.startsWith("$")) {
            p = p.substring(1);
        }
        JsonNode node = root;
        int i = 0;
        while (i < p.length() && node != null && !node.isMissingNode()) {
            char c = p.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
                    end++;
                }
                node = node.path(p.substring(i + 1, end));
                i = end;
            } else if (c == '[') {
                int end = p.indexOf(']', i);
                if (end < 0) {
                    return MissingNode.getInstance();
                }
                String inner = p.substring(i + 1, end);
                if (inner.startsWith("?(@.")) {
                    // [?(@.type=="Ready")]
                    String expr = inner.substring(4, inner.length() - 1);
                    int eq = expr.indexOf("==");
                    String field = expr.substring(0, eq).trim();
                    String value = expr.substring(eq + 2).trim().replace("\"", "").replace("'", "");
                    JsonNode match = MissingNode.getInstance();
                    for (JsonNode element : node) {
                        if (value.equals(element.path(field).asText())) {
                            match = element;
                            break;
                        }
                    }
                    node = match;
                } else if (inner.equals("*")) {
                    node = node.path(0);
                } else {
                    try {
                        node = node.path(Integer.parseInt(inner.trim()));
                    } catch (NumberFormatException e) {
                        node = node.path(inner.replace("'", "").replace("\"", ""));
                    }
                }
                i = end + 1;
            } else {
                int end = i;
                while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
                    end++;
                }
                node = node.path(p.substring(i, end));
                i = end;
            }
        }
        return node == null ? MissingNode.getInstance() : node;
    }
}
