package io.rpik8s.dev.simcluster.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The fields kube-apiserver refuses to change once an object exists, with its messages. */
final class Immutability {

    private static final Set<String> STATEFUL_SET_MUTABLE = Set.of("replicas", "ordinals", "template", "updateStrategy",
            "persistentVolumeClaimRetentionPolicy", "minReadySeconds");

    private Immutability() {
    }

    static List<Cause> check(String plural, JsonNode before, JsonNode after) {
        List<Cause> causes = new ArrayList<>();
        JsonNode was = before.path("spec");
        JsonNode now = after.path("spec");
        switch (plural) {
            case "deployments", "replicasets", "daemonsets" -> {
                if (!was.path("selector").equals(now.path("selector"))) {
                    causes.add(Cause.invalid("spec.selector", now.path("selector"), "field is immutable"));
                }
            }
            case "statefulsets" -> {
                ObjectNode fixedBefore = was.deepCopy();
                ObjectNode fixedAfter = now.deepCopy();
                fixedBefore.remove(STATEFUL_SET_MUTABLE);
                fixedAfter.remove(STATEFUL_SET_MUTABLE);
                if (!fixedBefore.equals(fixedAfter)) {
                    causes.add(Cause.forbidden("spec", "updates to statefulset spec for fields other than 'replicas', "
                            + "'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and "
                            + "'minReadySeconds' are forbidden"));
                }
            }
            case "services" -> {
                String ip = was.path("clusterIP").asText("");
                if (!ip.isEmpty() && now.has("clusterIP") && !ip.equals(now.path("clusterIP").asText())) {
                    causes.add(Cause.invalid("spec.clusterIPs[0]", now.path("clusterIP"), "may not change once set"));
                }
            }
            case "persistentvolumeclaims" -> claim(was, now, causes);
            case "secrets", "configmaps" -> {
                if (before.path("immutable").asBoolean(false) && (!before.path("data").equals(after.path("data"))
                        || !before.path("immutable").equals(after.path("immutable")))) {
                    causes.add(Cause.forbidden("data", "field is immutable when `immutable` is set"));
                }
            }
            default -> {
                // nothing immutable beyond metadata.name and namespace, which the URL fixes
            }
        }
        return causes;
    }

    /** Any kind: no finalizer can be added to an object being deleted (one with a deletionTimestamp). */
    static List<Cause> finalizers(JsonNode before, JsonNode after) {
        if (!before.path("metadata").hasNonNull("deletionTimestamp")) {
            return List.of();
        }
        Set<String> had = new HashSet<>();
        before.path("metadata").path("finalizers").forEach(f -> had.add(f.asText()));
        List<String> added = new ArrayList<>();
        after.path("metadata").path("finalizers").forEach(f -> {
            if (!had.contains(f.asText())) {
                added.add("\"" + f.asText() + "\"");
            }
        });
        return added.isEmpty() ? List.of() : List.of(Cause.forbidden("metadata.finalizers", "no new finalizers can be "
                + "added if the object is being deleted, found new finalizers []string{" + String.join(", ", added) + "}"));
    }

    private static void claim(JsonNode was, JsonNode now, List<Cause> causes) {
        ObjectNode fixedBefore = was.deepCopy();
        ObjectNode fixedAfter = now.deepCopy();
        for (ObjectNode spec : List.of(fixedBefore, fixedAfter)) {
            spec.remove(List.of("resources", "volumeName", "volumeAttributesClassName"));
        }
        if (!fixedBefore.equals(fixedAfter)) {
            causes.add(Cause.forbidden("spec", "spec is immutable after creation except resources.requests and "
                    + "volumeAttributesClassName for bound claims"));
            return;
        }
        Optional<BigDecimal> from = Quantities.parse(was.path("resources").path("requests").path("storage").asText());
        Optional<BigDecimal> to = Quantities.parse(now.path("resources").path("requests").path("storage").asText());
        if (from.isPresent() && to.isPresent() && to.get().compareTo(from.get()) < 0) {
            causes.add(Cause.forbidden("spec.resources.requests.storage", "field can not be less than status.capacity"));
        }
    }
}
