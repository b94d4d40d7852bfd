package io.rpik8s.panel.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** What webhook-dispatcher answers and accepts, as far as the panel shows or sends it. */
public final class WebhookDtos {

    private WebhookDtos() {
    }

    /** An endpoint; {@code secret} only right after creation or rotation. */
    public record Endpoint(String id, String url, String description, boolean enabled, String disabledReason,
            List<String> filterTypes, List<String> namespacesInclude, List<String> namespacesExclude,
            Integer rateLimitPerSecond, String retrySchedule, boolean rotating, String failingSince, String circuit,
            String createdAt, String secret) {
    }

    /** {@code POST} and {@code PUT /endpoints}. */
    public record EndpointRequest(String url, String description, List<String> filterTypes,
            List<String> namespacesInclude, List<String> namespacesExclude) {
    }

    /** A message with its deliveries (and, in the single view, every attempt). */
    public record Message(String id, String eventType, String namespace, String createdAt, JsonNode payload,
            List<Delivery> deliveries, List<Attempt> attempts) {
    }

    /** The state of a message's delivery to one endpoint. */
    public record Delivery(String endpointId, String status, int attempts, String nextAttemptAt,
            Integer lastStatusCode, String lastError) {
    }

    /** One delivery attempt. */
    public record Attempt(long id, String messageId, String endpointId, String eventType, int attemptNumber,
            String attemptedAt, String outcome, Integer statusCode, Long latencyMs, String responseExcerpt,
            String error) {
    }

    /** {@code POST /replay-failed}. */
    public record ReplayRequest(String since, String endpointId) {
    }

    /** How many deliveries a replay queued. */
    public record Replayed(int replayed) {
    }

    /** {@code POST .../test}. */
    public record TestSent(String messageId) {
    }
}
