package io.rpik8s.deployment.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.ArrayList;
import java.util.List;

/** Observed state of a PlatformApp: the generation last reconciled, its ready replicas and Kubernetes conditions. */
public class PlatformAppStatus {

    private Long observedGeneration;

    // The scale subresource needs both paths: an API server rejects a CRD with specReplicasPath alone.
    @StatusReplicas
    @JsonPropertyDescription("Replicas of the app that are ready.")
    private Integer replicas;

    private List<Condition> conditions = new ArrayList<>();

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }
}
