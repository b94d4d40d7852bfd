package io.rpik8s.model.plugin.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.rpik8s.model.plugin.RolloutState;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Deployment's rollout outcome the way {@code kubectl rollout status} does. Part of the plugin SPI, for
 * plugins whose apps run as Deployments.
 */
public final class Rollouts {

    public static final String REVISION = "deployment.kubernetes.io/revision";
    /** Container waiting reasons that mean the rollout will not succeed without a change. */
    public static final Set<String> FAILING_POD_REASONS = Set.of("CrashLoopBackOff", "ImagePullBackOff",
            "ErrImagePull", "InvalidImageName", "CreateContainerConfigError");

    private Rollouts() {
    }

    /** The revision a Deployment is at: the controller's annotation, else its generation. */
    public static long revisionOf(Deployment d) {
        String revision = d.getMetadata().getAnnotations() == null ? null
                : d.getMetadata().getAnnotations().get(REVISION);
        if (revision != null) {
            try {
                return Long.parseLong(revision);
            } catch (NumberFormatException ignored) {
                // a hand-edited annotation: fall back to the generation
            }
        }
        return d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
    }

    /** The image of the pod template's first container: what the platform calls the app's image. */
    public static String image(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    public static int desired(Deployment d) {
        return d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    }

    public static int ready(Deployment d) {
        return d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0
                : d.getStatus().getReadyReplicas();
    }

    /** The Progressing condition's failure, if the controller gave up (ProgressDeadlineExceeded). */
    public static Optional<DeploymentCondition> deadlineExceeded(Deployment d) {
        if (d.getStatus() == null || d.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return d.getStatus().getConditions().stream()
                .filter(c -> "Progressing".equals(c.getType()) && "False".equals(c.getStatus())
                        && "ProgressDeadlineExceeded".equals(c.getReason()))
                .findFirst();
    }

    /** All replicas of the current revision are updated and available. */
    public static boolean isComplete(Deployment d) {
        var status = d.getStatus();
        if (status == null || status.getObservedGeneration() == null
                || status.getObservedGeneration() < Objects.requireNonNullElse(d.getMetadata().getGeneration(), 0L)) {
            return false;
        }
        int desired = desired(d);
        return nz(status.getUpdatedReplicas()) == desired && nz(status.getAvailableReplicas()) == desired
                && nz(status.getReplicas()) == desired;
    }

    /** The waiting reason and message of the first failing container among {@code pods}, if any. */
    public static Optional<String[]> failingPod(List<Pod> pods) {
        for (Pod pod : pods) {
            if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
                continue;
            }
            for (var cs : pod.getStatus().getContainerStatuses()) {
                var waiting = cs.getState() == null ? null : cs.getState().getWaiting();
                if (waiting != null && FAILING_POD_REASONS.contains(waiting.getReason())) {
                    return Optional.of(new String[] {waiting.getReason(), "Pod " + pod.getMetadata().getName()
                            + ": " + Objects.requireNonNullElse(waiting.getMessage(), waiting.getReason())});
                }
            }
        }
        return Optional.empty();
    }

    public static RolloutState stateOf(Deployment d, List<Pod> pods) {
        if (deadlineExceeded(d).isPresent() || failingPod(pods).isPresent()) {
            return RolloutState.FAILED;
        }
        return isComplete(d) ? RolloutState.COMPLETE : RolloutState.PROGRESSING;
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }
}
