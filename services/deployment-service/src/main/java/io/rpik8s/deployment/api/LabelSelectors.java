package io.rpik8s.deployment.api;

import io.rpik8s.model.plugin.InvalidAppException;
import java.util.Map;
import java.util.TreeMap;

/** The {@code labelSelector} query parameter: equality-based terms only ({@code a=b,c==d}), what listing supports. */
final class LabelSelectors {

    private static final String KEY = "([a-z0-9.-]+/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?";
    private static final String VALUE = "([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?";

    private LabelSelectors() {
    }

    static Map<String, String> parse(String selector) {
        Map<String, String> labels = new TreeMap<>();
        if (selector == null || selector.isBlank()) {
            return labels;
        }
        for (String term : selector.split(",")) {
            String[] kv = term.split("==?", 2);
            if (kv.length != 2 || !kv[0].trim().matches(KEY) || !kv[1].trim().matches(VALUE)) {
                throw new InvalidAppException("labelSelector", "'" + term + "' is not key=value");
            }
            labels.put(kv[0].trim(), kv[1].trim());
        }
        return labels;
    }
}
