package io.rpik8s.examples.myservice.backup;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Observed state: the generation last reconciled and Kubernetes conditions ({@code Ready}). */
public class BackupStatus {

    private Long observedGeneration;
    private List<Condition> conditions = new ArrayList<>();

    /** Sets a condition; its lastTransitionTime moves only when its status changes. */
    public void setCondition(String type, boolean value, String reason, String message) {
        String status = value ? "True" : "False";
        Condition old = conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        String since = old != null && status.equals(old.getStatus()) ? old.getLastTransitionTime()
                : Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        conditions.removeIf(c -> type.equals(c.getType()));
        conditions.add(new ConditionBuilder().withType(type).withStatus(status).withReason(reason)
                .withMessage(message).withObservedGeneration(observedGeneration).withLastTransitionTime(since)
                .build());
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }
}
