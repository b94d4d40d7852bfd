package io.rpik8s.deployment.status;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A Kubernetes event about the Deployment, its ReplicaSets or its pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventView(String type, String reason, String message, String object, int count, String firstSeen,
        String lastSeen) {
}
