package io.rpik8s.dev.simcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes to an object being deleted, as kube-apiserver takes them. The store already marks an object with finalizers
 * on delete ({@code metadata.deletionTimestamp}) and deletes it when a write removes its last finalizer; what it
 * lacks: a write cannot change the mark, and that last write is answered with the object (admission refuses a
 * finalizer added meanwhile).
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

    /** Whether {@code written} is marked for deletion and has no finalizer left: the write deletes it. */
    static boolean released(JsonNode written) {
        return written.path("metadata").hasNonNull("deletionTimestamp") && finalizers(written).isEmpty();
    }

    private static List<String> finalizers(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.path("metadata").path("finalizers").forEach(f -> names.add(f.asText()));
        return names;
    }
}
