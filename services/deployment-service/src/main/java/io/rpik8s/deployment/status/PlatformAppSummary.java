package io.rpik8s.deployment.status;

/**
 * One line of {@code GET /platformapps}: what the resource asks for, the replicas ready in the Deployment made from
 * it (null before there is one) and its Ready condition (null before the first reconcile).
 */
public record PlatformAppSummary(String name, String namespace, String image, Integer replicas, Integer readyReplicas,
        Long generation, Long observedGeneration, Ready ready) {

    /** The resource's {@code Ready} condition. */
    public record Ready(String status, String reason, String message, String lastTransitionTime) {
    }
}
