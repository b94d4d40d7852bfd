package io.rpik8s.dev.simcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The part of server-side apply ({@code application/apply-patch+yaml}) the platform's clients rely on: an apply needs a
 * {@code fieldManager} (the real API server answers 422 without one), creates the object when it is missing, merges
 * into it otherwise, and records the manager in {@code metadata.managedFields} (operation {@code Apply}, per
 * subresource). Field-level ownership and conflicts are not tracked: every apply behaves as if forced, and fields a
 * manager stops sending are kept rather than removed.
 */
final class ServerSideApply {

    private ServerSideApply() {
    }

    /** Whether {@code fieldManager} is usable: set, and at most 128 characters as the API server requires. */
    static boolean validManager(String fieldManager) {
        return fieldManager != null && !fieldManager.isBlank() && fieldManager.length() <= 128;
    }

    /** Records {@code manager} as having applied {@code object} (replacing its earlier Apply entry). */
    static void recordManager(ObjectNode object, JsonNode previous, String manager, String subresource) {
        ManagedFields.record(object, previous == null ? object.objectNode()
                : previous.path("metadata").path("managedFields"), manager, "Apply", subresource);
    }
}
