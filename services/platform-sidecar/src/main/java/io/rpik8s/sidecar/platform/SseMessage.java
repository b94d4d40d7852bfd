package io.rpik8s.sidecar.platform;

/**
 * One server-sent event as the platform sent it.
 *
 * @param id   the event's id (CloudEvents id), may be null
 * @param name the event name: the platform event type, or {@code heartbeat}
 * @param data the JSON data
 */
public record SseMessage(String id, String name, String data) {
}
