package io.rpik8s.webhook.delivery;

import io.rpik8s.webhook.store.Endpoint;

/** A leased delivery with what an attempt needs: the stored message and its endpoint. */
public record DueDelivery(long id, int attemptsMade, String messageId, String eventType, String body,
        String traceparent, Endpoint endpoint) {
}
