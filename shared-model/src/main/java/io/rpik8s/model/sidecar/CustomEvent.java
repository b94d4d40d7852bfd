package io.rpik8s.model.sidecar;

import java.util.Map;

/**
 * An event of the app's own, as the sidecar forwards it.
 *
 * @param type its name, e.g. {@code order.shipped} (lower case, digits, {@code -_.})
 * @param data its JSON object, optional
 */
public record CustomEvent(String type, Map<String, Object> data) {
}
