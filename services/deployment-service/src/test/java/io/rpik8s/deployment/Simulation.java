package io.rpik8s.deployment;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Does what a cluster's controllers would: the mock server has none, so tests make ReplicaSets, pods, status. */
final class Simulation {

    private Simulation() {
    }

    static void namespace(KubernetesClient kube, String name) {
        if (kube.namespaces().withName(name).get() == null) {
            kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                    .create();
        }
    }

    static Deployment plainDeployment(String namespace, String name, String image, int replicas) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName(name).withImage(image).endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    static void replicaSet(KubernetesClient kube, Deployment d, long revision, String image) {
        var template = new io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder(d.getSpec().getTemplate())
                .editMetadata().addToLabels("pod-template-hash", "h" + revision).endMetadata()
                .editSpec().editFirstContainer().withImage(image).endContainer().endSpec().build();
        kube.apps().replicaSets().resource(new ReplicaSetBuilder()
                .withNewMetadata().withName(d.getMetadata().getName() + "-h" + revision)
                .withNamespace(d.getMetadata().getNamespace())
                .addToAnnotations("deployment.kubernetes.io/revision", String.valueOf(revision))
                .withCreationTimestamp(Instant.now().toString())
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment")
                .withName(d.getMetadata().getName()).withUid(d.getMetadata().getUid()).withController(true)
                .endOwnerReference().endMetadata()
                .withNewSpec().withReplicas(d.getSpec().getReplicas()).withSelector(d.getSpec().getSelector())
                .withTemplate(template).endSpec().build()).create();
        revision(kube, d, revision);
    }

    static void revision(KubernetesClient kube, Deployment d, long revision) {
        kube.apps().deployments().inNamespace(d.getMetadata().getNamespace()).withName(d.getMetadata().getName())
                .edit(x -> {
                    Map<String, String> annotations = x.getMetadata().getAnnotations() == null ? new HashMap<>()
                            : new HashMap<>(x.getMetadata().getAnnotations());
                    annotations.put("deployment.kubernetes.io/revision", String.valueOf(revision));
                    x.getMetadata().setAnnotations(annotations);
                    return x;
                });
    }

    static void pod(KubernetesClient kube, Deployment d, String name, String node, boolean ready, int restarts,
            String waitingReason) {
        var status = new io.fabric8.kubernetes.api.model.ContainerStatusBuilder().withName("main").withReady(ready)
                .withRestartCount(restarts).withImage("x");
        if (waitingReason != null) {
            status.withNewState().withNewWaiting().withReason(waitingReason).withMessage("simulated " + waitingReason)
                    .endWaiting().endState();
        } else {
            status.withNewState().withNewRunning().endRunning().endState();
        }
        kube.pods().resource(new PodBuilder().withNewMetadata().withName(name)
                .withNamespace(d.getMetadata().getNamespace())
                .withLabels(d.getSpec().getSelector().getMatchLabels()).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("main").withImage("x").endContainer()
                .endSpec()
                .withNewStatus().withPhase(ready ? "Running" : "Pending").withContainerStatuses(status.build())
                .endStatus().build()).create();
    }

    /** Fills the status as the Deployment controller would for the current generation. */
    static Deployment status(KubernetesClient kube, Deployment d, int updated, int ready, int available) {
        Deployment current = kube.apps().deployments().inNamespace(d.getMetadata().getNamespace())
                .withName(d.getMetadata().getName()).get();
        current.setStatus(new DeploymentStatusBuilder().withObservedGeneration(current.getMetadata().getGeneration())
                .withReplicas(updated).withUpdatedReplicas(updated).withReadyReplicas(ready)
                .withAvailableReplicas(available)
                .withConditions(new DeploymentConditionBuilder().withType("Available")
                        .withStatus(available == updated ? "True" : "False").withReason("MinimumReplicasAvailable")
                        .withLastTransitionTime(Instant.now().toString()).build())
                .build());
        return kube.apps().deployments().resource(current).updateStatus();
    }

    static Deployment deadlineExceeded(KubernetesClient kube, Deployment d) {
        Deployment current = kube.apps().deployments().inNamespace(d.getMetadata().getNamespace())
                .withName(d.getMetadata().getName()).get();
        current.setStatus(new DeploymentStatusBuilder().withObservedGeneration(current.getMetadata().getGeneration())
                .withReplicas(1).withUpdatedReplicas(1).withReadyReplicas(0).withAvailableReplicas(0)
                .withConditions(new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
                        .withReason("ProgressDeadlineExceeded")
                        .withMessage("ReplicaSet \"x\" has timed out progressing.")
                        .withLastTransitionTime(Instant.now().toString()).build())
                .build());
        return kube.apps().deployments().resource(current).updateStatus();
    }

    static void event(KubernetesClient kube, String namespace, String kind, String name, String reason,
            String message) {
        String now = Instant.now().toString();
        kube.v1().events().resource(new EventBuilder().withNewMetadata()
                .withName(name + "." + UUID.randomUUID().toString().substring(0, 8)).withNamespace(namespace)
                .endMetadata().withNewInvolvedObject().withKind(kind).withName(name).withNamespace(namespace)
                .endInvolvedObject().withReason(reason).withMessage(message).withType("Normal").withCount(1)
                .withFirstTimestamp(now).withLastTimestamp(now).build()).create();
    }
}
