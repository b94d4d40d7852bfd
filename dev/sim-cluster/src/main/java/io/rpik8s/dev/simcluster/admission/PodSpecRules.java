package io.rpik8s.dev.simcluster.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A pod spec (of a pod or a workload's template) as kube-apiserver validates it: containers, ports, resources. */
final class PodSpecRules {

    private PodSpecRules() {
    }

    /** The quantity that cannot be decoded (the API server answers 400 before validating), if any. */
    static Optional<String> undecodableQuantity(JsonNode spec) {
        for (String list : List.of("initContainers", "containers")) {
            for (JsonNode c : spec.path(list)) {
                for (String kind : List.of("requests", "limits")) {
                    for (JsonNode q : iterable(c.path("resources").path(kind))) {
                        if (Quantities.parse(q.asText()).isEmpty()) {
                            return Optional.of(q.asText());
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    static void validate(JsonNode spec, String field, List<Cause> causes) {
        JsonNode containers = spec.path("containers");
        if (!containers.isArray() || containers.isEmpty()) {
            causes.add(Cause.required(field + ".containers"));
            return;
        }
        Set<String> names = new HashSet<>();
        for (String list : List.of("initContainers", "containers")) {
            JsonNode items = spec.path(list);
            for (int i = 0; i < items.size(); i++) {
                container(items.get(i), field + "." + list + "[" + i + "]", names, causes);
            }
        }
        String restart = spec.path("restartPolicy").asText("Always");
        if (!List.of("Always", "OnFailure", "Never").contains(restart)) {
            causes.add(Cause.notSupported(field + ".restartPolicy", spec.path("restartPolicy"),
                    "\"Always\", \"Never\", \"OnFailure\""));
        }
        if (spec.has("nodeSelector")) {
            Names.labels(spec.path("nodeSelector"), field + ".nodeSelector", true, causes);
        }
    }

    private static void container(JsonNode c, String field, Set<String> names, List<Cause> causes) {
        String name = c.path("name").asText("");
        if (name.isEmpty()) {
            causes.add(Cause.required(field + ".name"));
        } else if (Names.label(name) != null) {
            causes.add(Cause.invalid(field + ".name", name, Names.label(name)));
        } else if (!names.add(name)) {
            causes.add(Cause.duplicate(field + ".name", name));
        }
        if (c.path("image").asText("").isBlank()) {
            causes.add(Cause.required(field + ".image"));
        }
        JsonNode ports = c.path("ports");
        for (int i = 0; i < ports.size(); i++) {
            JsonNode port = ports.get(i).path("containerPort");
            if (port.isMissingNode()) {
                causes.add(Cause.required(field + ".ports[" + i + "].containerPort"));
            } else if (port.asInt() < 1 || port.asInt() > 65535) {
                causes.add(Cause.invalid(field + ".ports[" + i + "].containerPort", port,
                        "must be between 1 and 65535, inclusive"));
            }
        }
        JsonNode resources = c.path("resources");
        resources.path("requests").fields().forEachRemaining(request -> {
            JsonNode limit = resources.path("limits").path(request.getKey());
            Optional<BigDecimal> asked = Quantities.parse(request.getValue().asText());
            Optional<BigDecimal> max = limit.isMissingNode() ? Optional.empty() : Quantities.parse(limit.asText());
            if (asked.isPresent() && max.isPresent() && asked.get().compareTo(max.get()) > 0) {
                causes.add(Cause.invalid(field + ".resources.requests", request.getValue(), "must be less than or equal to "
                        + request.getKey() + " limit of " + limit.asText()));
            }
        });
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node::elements;
    }
}
