package io.rpik8s.webhook.store;

import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.model.events.EventTypes;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Wildcard matching of event types ({@code deployment.*}, {@code *}) and namespaces ({@code team-*}), and the check
 * that a filter can match a known event type at all.
 */
public final class EventFilters {

    private EventFilters() {
    }

    /**
     * Fails with a 400 naming the first filter that can never match: a typo ({@code deploymnet.*}) would otherwise
     * be stored and silently receive nothing.
     */
    public static void requireKnownTypes(List<String> filters) {
        if (filters == null) {
            return;
        }
        for (int i = 0; i < filters.size(); i++) {
            String filter = filters.get(i);
            if (filter != null && EventTypes.all().stream().noneMatch(type -> glob(filter, type))) {
                throw ApiProblem.invalid("filterTypes[" + i + "]", "'" + filter + "' matches no event type (types: "
                        + String.join(", ", new java.util.TreeSet<>(EventTypes.all()))
                        + "; wildcards such as deployment.* or *)");
            }
        }
    }

    /** Fails with a 400 naming {@code field} unless {@code type} is a known event type. */
    public static void requireKnownType(String field, String type) {
        if (type != null && !EventTypes.all().contains(type)) {
            throw ApiProblem.invalid(field, "'" + type + "' is not an event type");
        }
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
