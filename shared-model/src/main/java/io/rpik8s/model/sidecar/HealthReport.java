package io.rpik8s.model.sidecar;

/**
 * What an app says about its health, as the sidecar forwards it.
 *
 * @param status  {@code healthy}, {@code degraded} or {@code unhealthy}
 * @param message the app's own words, optional (at most 1024 characters)
 */
public record HealthReport(String status, String message) {
}
