package io.rpik8s.webhook.log;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/**
 * Replay of every failed delivery since a time.
 *
 * @param since      messages recorded at or after this instant
 * @param endpointId only this endpoint's deliveries, when set
 */
public record ReplayRequest(@NotNull Instant since, String endpointId) {
}
