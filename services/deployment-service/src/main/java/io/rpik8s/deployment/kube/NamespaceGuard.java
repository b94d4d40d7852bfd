package io.rpik8s.deployment.kube;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.deployment.config.DeploymentsConfig;
import io.rpik8s.model.plugin.AppLabels;
import jakarta.enterprise.context.ApplicationScoped;

/** Admits only managed namespaces, and creates a missing one only when asked and allowed. Blocking. */
@ApplicationScoped
public class NamespaceGuard {

    private final KubernetesClient client;
    private final DeploymentsConfig config;

    public NamespaceGuard(KubernetesClient client, DeploymentsConfig config) {
        this.client = client;
        this.config = config;
    }

    /** Fails with 400 naming {@code namespace} unless it is managed. */
    public void requireManaged(String namespace) {
        if (!config.managedNamespaces().contains(namespace)) {
            throw ApiProblem.invalid("namespace", "is not managed by the platform (managed: "
                    + String.join(", ", config.managedNamespaces()) + ")");
        }
    }

    /** Makes sure the namespace exists, creating it when {@code create} is asked and allowed. */
    public void ensureExists(String namespace, boolean create) {
        requireManaged(namespace);
        if (client.namespaces().withName(namespace).get() != null) {
            return;
        }
        if (!create) {
            throw ApiProblem.invalid("namespace", "does not exist; set createNamespace to create it");
        }
        if (!config.createNamespaces()) {
            throw ApiProblem.invalid("createNamespace", "creating namespaces is disabled on this platform");
        }
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                .addToLabels(AppLabels.MANAGED_BY, AppLabels.MANAGED_BY_VALUE).endMetadata().build()).create();
    }
}
