package io.rpik8s.monitoring.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Pod;
import io.rpik8s.monitoring.kube.Pods;
import java.util.Map;

/**
 * A pod as the control panel shows it.
 *
 * @param namespace     namespace
 * @param name          name
 * @param phase         Pending, Running, Succeeded, Failed or Unknown
 * @param ready         whether the Ready condition is True
 * @param restarts      restarts summed over containers
 * @param waitingReason the first container waiting reason (CrashLoopBackOff, ImagePullBackOff, ...)
 * @param node          the node it runs on
 * @param labels        its labels
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodView(String namespace, String name, String phase, boolean ready, int restarts, String waitingReason,
        String node, Map<String, String> labels) {

    public static PodView of(Pod pod) {
        var status = pod.getStatus();
        int restarts = Pods.restarts(pod);
        String waiting = Pods.waitingReason(pod);
        boolean ready = status != null && status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        return new PodView(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                status == null || status.getPhase() == null ? "Unknown" : status.getPhase(), ready, restarts, waiting,
                pod.getSpec() == null ? null : pod.getSpec().getNodeName(),
                pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels());
    }
}
