package io.rpik8s.deployment.api;

import jakarta.validation.constraints.Min;

/** {@code POST .../rollback}: the revision to return to; absent means the previous one. */
public record RollbackRequest(@Min(1) Long revision) {
}
