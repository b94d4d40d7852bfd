package io.rpik8s.monitoring.stream;

/**
 * One change pushed on {@code GET /stream}.
 *
 * @param kind   {@code node}, {@code pod}, {@code alert} or {@code deployment} (the SSE event name)
 * @param action {@code added}, {@code updated}, {@code deleted}, {@code firing}, {@code resolved} or the event type
 * @param data   the view of the changed thing
 */
public record LiveUpdate(String kind, String action, Object data) {
}
