package io.rpik8s.deployment.status;

/** One rollout revision, from the ReplicaSet that holds it. */
public record RevisionView(long revision, String image, String createdAt, String replicaSet, boolean current) {
}
