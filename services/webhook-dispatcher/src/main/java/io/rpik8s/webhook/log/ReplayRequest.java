package io.rpik8s.webhook.log;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;

/**
 * Replay of every failed delivery since a time.
 *
 * @param since      messages recorded at or after this instant
 * @param endpointId only this endpoint's deliveries, when set
 */
public record ReplayRequest(@NotNull Instant since,
        @Pattern(regexp = "[A-Za-z0-9_.-]{1,128}", message = "must be an endpoint id such as ep_3f2a...") String endpointId) {
}
