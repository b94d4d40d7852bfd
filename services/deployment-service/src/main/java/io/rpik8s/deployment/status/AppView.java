package io.rpik8s.deployment.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * An app's spec and live status, as shown by {@code GET /deployments/{namespace}/{name}}.
 *
 * @param rolloutState progressing, complete or failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppView(
        String name,
        String namespace,
        String plugin,
        String image,
        Map<String, String> labels,
        Spec spec,
        Status status,
        List<PodView> pods) {

    /** The parts of the Deployment spec a user edits. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spec(int replicas, List<Integer> ports, List<String> env, Map<String, Object> resources,
            Map<String, String> nodeSelector, Integer servicePort) {
    }

    /** Live replica counts and conditions. */
    public record Status(int desired, int updated, int ready, int available, long revision, String rolloutState,
            String message, List<Condition> conditions) {
    }

    /** A Deployment condition. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Condition(String type, String status, String reason, String message, String lastTransitionTime) {
    }

    /** One pod of the app. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PodView(String name, String phase, boolean ready, int restarts, String node, String reason) {
    }
}
