package io.rpik8s.deployment.api;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** {@code POST .../scale}: the replica count wanted (0 stops the app). */
public record ScaleRequest(@NotNull @Min(0) Integer replicas) {
}
