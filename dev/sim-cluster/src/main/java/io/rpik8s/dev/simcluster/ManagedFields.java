package io.rpik8s.dev.simcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code metadata.managedFields} of non-apply writes, as the API server's field manager records who changed an
 * object: the manager is the request's {@code fieldManager} (kubectl names itself: {@code kubectl-scale},
 * {@code kubectl-set}, {@code kubectl-rollout}) or else the start of its User-Agent ({@code k3s} for the cluster's own
 * controllers); one {@code Update} entry per manager and subresource, stamped with the time of its last write and
 * kept in kube-apiserver's order (Apply before Update, then by time, then by manager). The fields each entry owns are
 * not tracked.
 */
final class ManagedFields {

    private ManagedFields() {
    }

    /** The manager the API server records for a write with this {@code fieldManager} and User-Agent. */
    static String manager(String fieldManager, String userAgent) {
        if (fieldManager != null && !fieldManager.isBlank()) {
            return fieldManager;
        }
        String agent = userAgent == null ? "" : userAgent;
        int slash = agent.indexOf('/');
        return slash > 0 ? agent.substring(0, slash) : agent.isEmpty() ? "unknown" : agent;
    }

    /** Records an {@code Update} by {@code manager} on {@code object}, keeping the other entries of {@code stored}. */
    static void recordUpdate(ObjectNode object, JsonNode stored, String manager, String subresource) {
        record(object, (stored != null ? stored : object).path("metadata").path("managedFields"), manager, "Update",
                subresource);
    }

    /**
     * Replaces {@code manager}'s entry of this {@code operation} and subresource among {@code previous} entries with one
     * stamped now, and sets the result, in kube-apiserver's order, as {@code object}'s managedFields.
     */
    static void record(ObjectNode object, JsonNode previous, String manager, String operation, String subresource) {
        List<JsonNode> entries = new ArrayList<>();
        for (JsonNode entry : previous) {
            boolean same = manager.equals(entry.path("manager").asText())
                    && operation.equals(entry.path("operation").asText())
                    && subresource.equals(entry.path("subresource").asText(""));
            if (!same) {
                entries.add(entry.deepCopy());
            }
        }
        ObjectNode entry = object.objectNode();
        entry.put("manager", manager);
        entry.put("operation", operation);
        entry.put("apiVersion", object.path("apiVersion").asText());
        entry.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        entry.put("fieldsType", "FieldsV1");
        entry.putObject("fieldsV1");
        if (!subresource.isEmpty()) {
            entry.put("subresource", subresource);
        }
        entries.add(entry);
        entries.sort(Comparator.comparing((JsonNode e) -> e.path("operation").asText())
                .thenComparing(e -> e.path("time").asText())
                .thenComparing(e -> e.path("manager").asText())
                .thenComparing(e -> e.path("subresource").asText("")));
        ArrayNode list = object.with("metadata").putArray("managedFields");
        entries.forEach(list::add);
    }
}
