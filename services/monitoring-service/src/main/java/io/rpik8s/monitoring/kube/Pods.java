package io.rpik8s.monitoring.kube;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/** What the service reads off a Pod object: restarts summed over containers, the first waiting reason. */
public final class Pods {

    private Pods() {
    }

    public static int restarts(Pod pod) {
        return containers(pod).stream().mapToInt(c -> c.getRestartCount() == null ? 0 : c.getRestartCount()).sum();
    }

    /** CrashLoopBackOff, ImagePullBackOff, ...: the first container waiting reason, or null. */
    public static String waitingReason(Pod pod) {
        return containers(pod).stream().filter(c -> c.getState() != null && c.getState().getWaiting() != null)
                .map(c -> c.getState().getWaiting().getReason()).filter(r -> r != null).findFirst().orElse(null);
    }

    private static List<ContainerStatus> containers(Pod pod) {
        var status = pod.getStatus();
        return status == null || status.getContainerStatuses() == null ? List.of() : status.getContainerStatuses();
    }
}
