package io.rpik8s.dev.simcluster.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the simulated API server refuses, as kube-apiserver would, before it stores a write: built-in kinds by their
 * field validation and immutable fields, custom resources by their CRD's {@code openAPIV3Schema} (undeclared fields
 * pruned, or refused under {@code fieldValidation=Strict}). The caller stores nothing when a {@link Refusal} comes back.
 */
public final class Admission {

    private final ObjectMapper json;
    private final Function<String, Optional<JsonNode>> crds;

    /** {@code crds} finds a stored CRD by its name ({@code <plural>.<group>}). */
    public Admission(ObjectMapper json, Function<String, Optional<JsonNode>> crds) {
        this.json = json;
        this.crds = crds;
    }

    /** The outcome of a write that is not refused: the unknown fields that were pruned (for a warning). */
    public record Admitted(List<String> prunedFields) {
    }

    /**
     * Checks {@code object} (pruning undeclared fields of a custom resource in place) about to be written to
     * {@code group/version/plural}; {@code before} is the stored object on an update, null on a create.
     */
    public Admitted admit(String group, String version, String plural, String kind, ObjectNode object, JsonNode before,
                          String fieldValidation) throws Refused {
        String name = object.path("metadata").path("name").asText("");
        List<String> pruned = List.of();
        List<Cause> causes = new ArrayList<>();
        // Built-in groups have no dot ("apps") or are Kubernetes' own; a CRD's group always has one.
        Optional<JsonNode> schema = group.contains(".") ? schema(group, version, plural) : Optional.empty();
        if (schema.isPresent()) {
            pruned = CrdSchema.prune(schema.get(), object);
            if (!pruned.isEmpty() && "Strict".equals(fieldValidation)) {
                throw new Refused(Refusal.badRequest(json, kind + " in version \"" + version + "\" cannot be handled as a "
                        + kind + ": strict decoding error: " + String.join(", ", pruned.stream()
                        .map(f -> "unknown field \"" + f + "\"").toList())));
            }
            causes.addAll(CrdSchema.validate(schema.get(), object));
            String problem = name.isEmpty() ? null : Names.subdomain(name);
            if (problem != null) {
                causes.add(0, Cause.invalid("metadata.name", name, problem));
            }
        } else if (BuiltInRules.KINDS.contains(plural)) {
            Optional<String> quantity = BuiltInRules.undecodable(plural, object);
            if (quantity.isPresent()) {
                throw new Refused(Refusal.badRequest(json, kind + " in version \"" + version + "\" cannot be handled as a "
                        + kind + ": quantities must match the regular expression '" + Quantities.FORMAT + "'"));
            }
            causes.addAll(BuiltInRules.validate(plural, object));
            if (before != null) {
                causes.addAll(Immutability.check(plural, before, object));
            }
        }
        if (before != null) {
            causes.addAll(Immutability.finalizers(before, object));
        }
        if (!causes.isEmpty()) {
            throw new Refused(Refusal.invalid(json, group, kind, name, causes));
        }
        return new Admitted(pruned);
    }

    private Optional<JsonNode> schema(String group, String version, String plural) {
        return crds.apply(plural + "." + group).flatMap(crd -> {
            for (JsonNode v : crd.path("spec").path("versions")) {
                if (version.equals(v.path("name").asText())) {
                    JsonNode schema = v.path("schema").path("openAPIV3Schema");
                    return schema.isMissingNode() ? Optional.empty() : Optional.of(schema);
                }
            }
            return Optional.empty();
        });
    }

    /** The refusal of a write, to be answered as it is. */
    public static final class Refused extends Exception {

        private final transient Refusal refusal;

        Refused(Refusal refusal) {
            super(refusal.status().path("message").asText(), null, false, false);
            this.refusal = refusal;
        }

        public int code() {
            return refusal.code();
        }

        public ObjectNode status() {
            return refusal.status();
        }
    }
}
