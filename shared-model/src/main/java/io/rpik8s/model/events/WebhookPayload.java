package io.rpik8s.model.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The {@code webhook} object of a {@code webhook.test} ping.
 *
 * @param endpointId the endpoint being tested
 * @param message    a short human-readable message
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookPayload(String endpointId, String message) {
}
