package io.rpik8s.examples.events.board;

import java.time.Instant;

/** What this app knows of one platform app: its last deployment event, and the trace that caused it. */
public record AppState(String namespace, String name, String lastEvent, String image, Integer replicas,
        Instant at, String traceId, int events) {
}
