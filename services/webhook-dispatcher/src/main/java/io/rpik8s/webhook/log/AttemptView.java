package io.rpik8s.webhook.log;

import java.time.Instant;

/** One HTTP attempt in the delivery log. */
public record AttemptView(long id, String messageId, String endpointId, String eventType, int attemptNumber,
        Instant attemptedAt, String outcome, Integer statusCode, Long latencyMs, String responseExcerpt,
        String error) {
}
