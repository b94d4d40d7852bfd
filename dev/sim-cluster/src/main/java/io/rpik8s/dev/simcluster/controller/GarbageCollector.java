package io.rpik8s.dev.simcluster.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The simulated garbage collector (the mock has none): deletes objects whose controlling owner is gone and the
 * contents of deleted namespaces.
 */
final class GarbageCollector {

    private final KubernetesClient client;

    GarbageCollector(KubernetesClient client) {
        this.client = client;
    }

    /** Deletes each object whose controller owner of {@code ownerKind} has a uid not in {@code ownerUids}. */
    void orphans(Collection<? extends HasMetadata> objects, String ownerKind, Set<String> ownerUids) {
        for (HasMetadata o : objects) {
            Optional<OwnerReference> owner = Owners.controller(o);
            if (owner.isPresent() && ownerKind.equals(owner.get().getKind()) && !ownerUids.contains(owner.get().getUid())) {
                delete(o);
            }
        }
    }

    /** Deletes namespaced objects whose namespace no longer exists. */
    void outsideNamespaces(List<? extends HasMetadata> objects, Set<String> namespaces) {
        for (HasMetadata o : objects) {
            if (o.getMetadata().getNamespace() != null && !namespaces.contains(o.getMetadata().getNamespace())) {
                delete(o);
            }
        }
    }

    private void delete(HasMetadata o) {
        try {
            client.resource(o).delete();
        } catch (KubernetesClientException e) {
            // Already gone.
        }
    }
}
