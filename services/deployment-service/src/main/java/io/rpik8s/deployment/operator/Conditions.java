package io.rpik8s.deployment.operator;

import io.rpik8s.deployment.crd.ConditionTypes;
import io.rpik8s.deployment.crd.PlatformApp;
import io.rpik8s.deployment.crd.PlatformAppSpec;
import io.rpik8s.deployment.crd.PlatformAppStatus;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Sets Kubernetes conditions, moving lastTransitionTime only when a condition's status changes. */
final class Conditions {

    private Conditions() {
    }

    static void set(PlatformAppStatus status, long generation, String type, boolean value, String reason,
            String message) {
        List<Condition> conditions = status.getConditions();
        String newStatus = value ? "True" : "False";
        Condition existing = conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        String since = existing != null && newStatus.equals(existing.getStatus()) ? existing.getLastTransitionTime()
                : Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        conditions.removeIf(c -> type.equals(c.getType()));
        conditions.add(new ConditionBuilder().withType(type).withStatus(newStatus).withReason(reason)
                .withMessage(message == null ? "" : message).withObservedGeneration(generation)
                .withLastTransitionTime(since).build());
    }
}
