package io.rpik8s.deployment.kube;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.rpik8s.model.plugin.kube.Rollouts;

/** The rollout revision a ReplicaSet holds, from the Deployment controller's annotation. */
public final class Revisions {

    private Revisions() {
    }

    /** The revision, or 0 when the ReplicaSet carries none (not made by a Deployment rollout). */
    public static long of(ReplicaSet rs) {
        String value = rs.getMetadata().getAnnotations() == null ? null
                : rs.getMetadata().getAnnotations().get(Rollouts.REVISION);
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
