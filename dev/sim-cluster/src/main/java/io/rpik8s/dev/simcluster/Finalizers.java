package io.rpik8s.dev.simcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes to an object being deleted, as kube-apiserver takes them. The store already marks an object with finalizers
 * on delete ({@code metadata.deletionTimestamp}) and deletes it when a write removes its last finalizer; what it
 * lacks: a write cannot change the mark nor add a finalizer to such an object.
 */
final class Finalizers {

    private Finalizers() {
    }

    /** The stored object's mark wins over what a write says about it (the API server ignores it). */
    static void keepMark(ObjectNode written, JsonNode current) {
        ObjectNode meta = written.with("metadata");
        for (String field : List.of("deletionTimestamp", "deletionGracePeriodSeconds")) {
            JsonNode stored = current.path("metadata").get(field);
            if (stored == null || stored.isNull()) {
                meta.remove(field);
            } else {
                meta.set(field, stored.deepCopy());
            }
        }
    }

    /** The finalizers {@code written} adds to an object being deleted, which the API server refuses; else empty. */
    static Optional<List<String>> addedWhileDeleting(JsonNode written, JsonNode current) {
        if (!current.path("metadata").hasNonNull("deletionTimestamp")) {
            return Optional.empty();
        }
        Set<String> before = new HashSet<>(finalizers(current));
        List<String> added = finalizers(written).stream().filter(f -> !before.contains(f)).toList();
        return added.isEmpty() ? Optional.empty() : Optional.of(added);
    }

    /** Whether {@code written} is marked for deletion and has no finalizer left: the write deletes it. */
    static boolean released(JsonNode written) {
        return written.path("metadata").hasNonNull("deletionTimestamp") && finalizers(written).isEmpty();
    }

    /** The API server's words for {@link #addedWhileDeleting}. */
    static String refusal(List<String> added) {
        return "metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, "
                + "found new finalizers []string{" + String.join(", ", added.stream().map(f -> "\"" + f + "\"")
                        .toList()) + "}";
    }

    private static List<String> finalizers(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.path("metadata").path("finalizers").forEach(f -> names.add(f.asText()));
        return names;
    }
}
