package io.rpik8s.examples.events.webhook;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** An RFC 9457 problem+json answer naming the field at fault. */
final class Problem {

    private Problem() {
    }

    static Response badRequest(String field, String reason) {
        return Response.status(400).type("application/problem+json").entity(Map.of(
                "type", "https://rpi-k8s.io/problems/validation", "title", "Bad Request", "status", 400,
                "detail", field + ": " + reason, "errors", List.of(Map.of("field", field, "reason", reason))))
                .build();
    }
}
