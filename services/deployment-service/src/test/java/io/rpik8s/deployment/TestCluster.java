package io.rpik8s.deployment;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rpik8s.dev.simcluster.RequestLog;
import io.rpik8s.dev.simcluster.SimulatedCluster;

/**
 * The simulated cluster of a test ({@link SimulatedClusterResource}): the cluster itself (its API server's request
 * log, a kubeconfig for kubectl) and a client of the test's own, which acts as a user with kubectl would.
 */
public record TestCluster(SimulatedCluster simulated, KubernetesClient kube) {

    /** Creates the namespace unless it exists (the cluster starts with the local run's, {@code apps} among them). */
    public void namespace(String name) {
        if (kube.namespaces().withName(name).get() == null) {
            kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                    .create();
        }
    }

    public RequestLog requests() {
        return simulated.api().requests();
    }

    /** A Deployment as a user writes it for kubectl: no platform labels at all. */
    public static Deployment plainDeployment(String namespace, String name, String image, int replicas) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName(name).withImage(image).endContainer().endSpec()
                .endTemplate().endSpec().build();
    }
}
