package io.rpik8s.dev.simcluster.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Field validation of the built-in kinds the platform writes (Deployments, StatefulSets, ReplicaSets, CronJobs,
 * Pods, Services, PVCs, Secrets, ConfigMaps, Namespaces), after k8s.io/kubernetes/pkg/apis/.../validation: names,
 * labels, selectors that match their templates, replicas, containers, ports and quantities.
 */
final class BuiltInRules {

    /** The kinds checked here and where their pod spec sits. */
    private static final Map<String, String> POD_SPECS = Map.of("deployments", "spec.template.spec",
            "statefulsets", "spec.template.spec", "replicasets", "spec.template.spec", "daemonsets", "spec.template.spec",
            "cronjobs", "spec.jobTemplate.spec.template.spec", "jobs", "spec.template.spec", "pods", "spec");
    static final List<String> KINDS = List.of("deployments", "statefulsets", "replicasets", "daemonsets", "cronjobs",
            "jobs", "pods", "services", "persistentvolumeclaims", "secrets", "configmaps", "namespaces");

    private BuiltInRules() {
    }

    /** The quantity of {@code object} that cannot be decoded, if any (a 400, not a 422). */
    static Optional<String> undecodable(String plural, JsonNode object) {
        String podSpec = POD_SPECS.get(plural);
        if (podSpec != null) {
            return PodSpecRules.undecodableQuantity(at(object, podSpec));
        }
        if ("persistentvolumeclaims".equals(plural)) {
            for (JsonNode q : (Iterable<JsonNode>) () -> object.path("spec").path("resources").path("requests").elements()) {
                if (Quantities.parse(q.asText()).isEmpty()) {
                    return Optional.of(q.asText());
                }
            }
        }
        return Optional.empty();
    }

    static List<Cause> validate(String plural, JsonNode object) {
        List<Cause> causes = new ArrayList<>();
        metadata(plural, object.path("metadata"), causes);
        JsonNode spec = object.path("spec");
        switch (plural) {
            case "deployments", "statefulsets", "replicasets", "daemonsets" -> workload(plural, spec, causes);
            case "cronjobs" -> cronJob(spec, causes);
            case "services" -> service(spec, causes);
            case "persistentvolumeclaims" -> claim(spec, causes);
            case "secrets", "configmaps" -> {
                Names.configKeys(object.path("data"), "data", causes);
                Names.configKeys(object.path("binaryData"), "binaryData", causes);
                Names.configKeys(object.path("stringData"), "stringData", causes);
            }
            default -> {
                // names and labels only
            }
        }
        String podSpec = POD_SPECS.get(plural);
        if (podSpec != null && !at(object, podSpec).isMissingNode()) {
            PodSpecRules.validate(at(object, podSpec), podSpec, causes);
        }
        return causes;
    }

    private static void metadata(String plural, JsonNode meta, List<Cause> causes) {
        String name = meta.path("name").asText("");
        if (name.isEmpty()) {
            if (meta.path("generateName").asText("").isEmpty()) {
                causes.add(Cause.required("metadata.name", "name or generateName is required"));
            }
        } else {
            String problem = switch (plural) {
                case "services" -> Names.dns1035(name);
                case "namespaces" -> Names.label(name);
                case "cronjobs" -> name.length() > 52 ? "must be no more than 52 characters" : Names.subdomain(name);
                default -> Names.subdomain(name);
            };
            if (problem != null) {
                causes.add(Cause.invalid("metadata.name", name, problem));
            }
        }
        Names.labels(meta.path("labels"), "metadata.labels", true, causes);
        Names.labels(meta.path("annotations"), "metadata.annotations", false, causes);
    }

    private static void workload(String plural, JsonNode spec, List<Cause> causes) {
        JsonNode replicas = spec.path("replicas");
        if (replicas.isNumber() && replicas.asInt() < 0) {
            causes.add(Cause.invalid("spec.replicas", replicas, "must be greater than or equal to 0"));
        }
        JsonNode selector = spec.path("selector");
        JsonNode labels = spec.path("template").path("metadata").path("labels");
        Names.labels(labels, "spec.template.metadata.labels", true, causes);
        if (selector.isMissingNode() || selector.isNull()) {
            causes.add(Cause.required("spec.selector"));
            return;
        }
        JsonNode matchLabels = selector.path("matchLabels");
        if (matchLabels.isEmpty() && selector.path("matchExpressions").isEmpty()) {
            causes.add(Cause.invalid("spec.selector", selector, "empty selector is invalid for "
                    + plural.substring(0, plural.length() - 1)));
            return;
        }
        Names.labels(matchLabels, "spec.selector.matchLabels", true, causes);
        boolean matches = true;
        for (var it = matchLabels.fields(); it.hasNext(); ) {
            var e = it.next();
            matches &= e.getValue().asText().equals(labels.path(e.getKey()).asText(null));
        }
        if (!matches) {
            causes.add(Cause.invalid("spec.template.metadata.labels", labels, "`selector` does not match template `labels`"));
        }
    }

    private static void cronJob(JsonNode spec, List<Cause> causes) {
        if (spec.path("schedule").asText("").isBlank()) {
            causes.add(Cause.required("spec.schedule"));
        }
        JsonNode restart = spec.path("jobTemplate").path("spec").path("template").path("spec").path("restartPolicy");
        if (!List.of("OnFailure", "Never").contains(restart.asText(""))) {
            causes.add(restart.isMissingNode()
                    ? Cause.required("spec.jobTemplate.spec.template.spec.restartPolicy", "valid values: \"OnFailure\", \"Never\"")
                    : Cause.notSupported("spec.jobTemplate.spec.template.spec.restartPolicy", restart,
                            "\"OnFailure\", \"Never\""));
        }
    }

    private static void service(JsonNode spec, List<Cause> causes) {
        JsonNode ports = spec.path("ports");
        boolean headless = "None".equals(spec.path("clusterIP").asText());
        if (ports.isEmpty() && !headless && !"ExternalName".equals(spec.path("type").asText())) {
            causes.add(Cause.required("spec.ports"));
        }
        for (int i = 0; i < ports.size(); i++) {
            JsonNode port = ports.get(i).path("port");
            if (port.asInt(0) < 1 || port.asInt(0) > 65535) {
                causes.add(Cause.invalid("spec.ports[" + i + "].port", port, "must be between 1 and 65535, inclusive"));
            }
            if (ports.size() > 1 && ports.get(i).path("name").asText("").isEmpty()) {
                causes.add(Cause.required("spec.ports[" + i + "].name"));
            }
        }
        Names.labels(spec.path("selector"), "spec.selector", true, causes);
    }

    private static void claim(JsonNode spec, List<Cause> causes) {
        if (spec.path("accessModes").isEmpty()) {
            causes.add(Cause.required("spec.accessModes", "at least 1 access mode is required"));
        }
        if (spec.path("resources").path("requests").path("storage").isMissingNode()) {
            causes.add(Cause.required("spec.resources[storage]"));
        }
    }

    /** The node at a dotted path ({@code spec.template.spec}). */
    static JsonNode at(JsonNode object, String path) {
        JsonNode node = object;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }
}
