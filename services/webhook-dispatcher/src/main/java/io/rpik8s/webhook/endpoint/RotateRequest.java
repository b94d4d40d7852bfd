package io.rpik8s.webhook.endpoint;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Secret rotation.
 *
 * @param overlapSeconds how long the previous secret keeps signing; default the configured overlap
 */
public record RotateRequest(@PositiveOrZero @Max(604800) Long overlapSeconds) {
}
