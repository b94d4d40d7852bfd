package io.rpik8s.dev.simcluster.controller;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The simulated ReplicaSet controller: keeps {@code spec.replicas} pods per ReplicaSet and reports their status. */
final class ReplicaSetReconciler {

    private static final int BURST = 10;

    private final KubernetesClient client;
    private final EventRecorder events;
    private final Random random = new Random();

    ReplicaSetReconciler(KubernetesClient client, EventRecorder events) {
        this.client = client;
        this.events = events;
    }

    /** {@code owned}: the pods the ReplicaSet controls. */
    void reconcile(ReplicaSet rs, List<Pod> owned) {
        List<Pod> pods = owned.stream().filter(Owners::active).toList();
        int desired = rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
        int diff = desired - pods.size();
        try {
            if (diff > 0) {
                for (int i = 0; i < Math.min(diff, BURST); i++) {
                    Pod created = client.pods().inNamespace(rs.getMetadata().getNamespace()).resource(newPod(rs)).create();
                    events.normal(rs, "replicaset-controller", "SuccessfulCreate", "Created pod: " + created.getMetadata().getName());
                }
            } else if (diff < 0) {
                pods.stream()
                        .sorted(Comparator.comparing((Pod p) -> p.getSpec().getNodeName() != null)
                                .thenComparing(Owners::ready)
                                .thenComparing(p -> p.getMetadata().getCreationTimestamp(), Comparator.reverseOrder()))
                        .limit(-diff)
                        .forEach(p -> {
                            client.pods().inNamespace(p.getMetadata().getNamespace()).withName(p.getMetadata().getName()).delete();
                            events.normal(rs, "replicaset-controller", "SuccessfulDelete", "Deleted pod: " + p.getMetadata().getName());
                        });
            }
            int ready = (int) pods.stream().filter(Owners::ready).count();
            int labelled = (int) pods.stream().filter(p -> p.getMetadata().getLabels() != null
                    && rs.getSpec().getSelector().getMatchLabels() != null
                    && p.getMetadata().getLabels().entrySet().containsAll(rs.getSpec().getSelector().getMatchLabels().entrySet())).count();
            ReplicaSetStatus status = new ReplicaSetStatusBuilder().withReplicas(pods.size())
                    .withFullyLabeledReplicas(labelled).withReadyReplicas(ready).withAvailableReplicas(ready)
                    .withObservedGeneration(rs.getMetadata().getGeneration()).build();
            if (!Serialization.asJson(status).equals(Serialization.asJson(rs.getStatus()))) {
                rs.setStatus(status);
                rs.getMetadata().setResourceVersion(null);
                client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).resource(rs).updateStatus();
            }
        } catch (KubernetesClientException e) {
            // Conflicts and races resolve on the next pass.
        }
    }

    private Pod newPod(ReplicaSet rs) {
        ObjectMeta templateMeta = rs.getSpec().getTemplate().getMetadata() == null ? new ObjectMeta()
                : Serialization.clone(rs.getSpec().getTemplate().getMetadata());
        Map<String, String> labels = new HashMap<>(templateMeta.getLabels() == null ? Map.of() : templateMeta.getLabels());
        return new PodBuilder()
                .withNewMetadata()
                    .withName(rs.getMetadata().getName() + "-" + TemplateHash.randomSuffix(random, 5))
                    .withNamespace(rs.getMetadata().getNamespace())
                    .withLabels(labels)
                    .withAnnotations(templateMeta.getAnnotations())
                    .withOwnerReferences(Owners.reference(rs))
                .endMetadata()
                .withSpec(Serialization.clone(rs.getSpec().getTemplate().getSpec()))
                .withNewStatus().withPhase("Pending").endStatus()
                .build();
    }
}
