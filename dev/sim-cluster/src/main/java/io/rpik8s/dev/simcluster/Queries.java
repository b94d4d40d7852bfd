package io.rpik8s.dev.simcluster;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a request's query parameters as kube-apiserver does: {@code watch=1} is true, a malformed number is 0. */
final class Queries {

    private Queries() {
    }

    static Map<String, String> of(String uri) {
        Map<String, String> params = new LinkedHashMap<>();
        int q = uri.indexOf('?');
        if (q < 0) {
            return params;
        }
        for (String pair : uri.substring(q + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    static boolean isTrue(String value) {
        return "true".equalsIgnoreCase(value) || "1".equals(value);
    }

    /** {@code tailLines}, or -1 (all lines) when the query does not name it. */
    static long tailLines(Map<String, String> query) {
        long tail = parseLong(query.get("tailLines"));
        return query.containsKey("tailLines") ? tail : -1;
    }

    static long parseLong(String value) {
        try {
            return value == null || value.isEmpty() ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
