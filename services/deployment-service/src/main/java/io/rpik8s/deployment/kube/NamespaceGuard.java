package io.rpik8s.deployment.kube;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rpik8s.commons.kube.ManagedNamespaces;
import io.rpik8s.deployment.config.AppsConfig;
import io.rpik8s.model.plugin.AppLabels;
import io.rpik8s.model.plugin.InvalidAppException;
import jakarta.enterprise.context.ApplicationScoped;

/** Admits only managed namespaces, and creates a missing one only when asked and allowed. */
@ApplicationScoped
public class NamespaceGuard {

    private final KubernetesClient client;
    private final AppsConfig config;
    private final ManagedNamespaces managed;

    public NamespaceGuard(KubernetesClient client, AppsConfig config) {
        this.client = client;
        this.config = config;
        this.managed = ManagedNamespaces.of(config.managedNamespaces());
    }

    public boolean isManaged(String namespace) {
        return managed.contains(namespace);
    }

    /** Why {@code namespace} is refused, for a field problem. */
    public String notManagedReason() {
        return managed.notManagedReason();
    }

    /** Fails with an invalid {@code namespace} unless it is managed. */
    public void requireManaged(String namespace) {
        if (!isManaged(namespace)) {
            throw new InvalidAppException("namespace", notManagedReason());
        }
    }

    /** Makes sure the namespace exists, creating it when {@code create} is asked and allowed. Blocking: one GET. */
    public void ensureExists(String namespace, boolean create) {
        requireManaged(namespace);
        if (client.namespaces().withName(namespace).get() != null) {
            return;
        }
        if (!create) {
            throw new InvalidAppException("namespace", "does not exist; set createNamespace to create it");
        }
        if (!config.createNamespaces()) {
            throw new InvalidAppException("createNamespace", "creating namespaces is disabled on this platform");
        }
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                .addToLabels(AppLabels.MANAGED_BY, AppLabels.MANAGED_BY_VALUE).endMetadata().build()).create();
    }
}
