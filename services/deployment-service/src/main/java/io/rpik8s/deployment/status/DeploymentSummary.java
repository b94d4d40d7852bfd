package io.rpik8s.deployment.status;

/** One line of {@code GET /deployments}. */
public record DeploymentSummary(String name, String namespace, String plugin, String image, int desired, int ready,
        String rolloutState) {
}
