package io.rpik8s.webhook.endpoint;

import java.util.List;
import java.util.regex.Pattern;

/** Wildcard matching of event types ({@code deployment.*}, {@code *}) and namespaces ({@code team-*}). */
public final class EventFilters {

    private EventFilters() {
    }

    public static boolean matchesType(List<String> filters, String type) {
        return filters.stream().anyMatch(f -> glob(f, type));
    }

    /** Events without a namespace (buckets, cluster alerts) pass only when no include list is set. */
    public static boolean matchesNamespace(List<String> include, List<String> exclude, String namespace) {
        if (namespace == null) {
            return include.isEmpty();
        }
        boolean included = include.isEmpty() || include.stream().anyMatch(p -> glob(p, namespace));
        return included && exclude.stream().noneMatch(p -> glob(p, namespace));
    }

    static boolean glob(String pattern, String value) {
        if ("*".equals(pattern)) {
            return true;
        }
        if (!pattern.contains("*")) {
            return pattern.equals(value);
        }
        String regex = Pattern.quote(pattern).replace("*", "\\E.*\\Q");
        return value.matches(regex);
    }
}
