package io.rpik8s.deployment.operator;

import io.rpik8s.deployment.crd.ConditionTypes;
import io.rpik8s.deployment.crd.PlatformApp;
import io.rpik8s.deployment.crd.PlatformAppSpec;
import io.rpik8s.deployment.crd.PlatformAppStatus;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.rpik8s.deployment.kube.ClusterCache;
import io.rpik8s.model.plugin.AppLabels;
import java.util.Map;
import java.util.Set;

/**
 * The reconciler's secondary event source: a change of a Deployment made from a PlatformApp (its
 * {@code rpi-k8s.io/platformapp} label) reconciles that PlatformApp. It reads the service's one cluster cache rather
 * than opening its own watch, so the rollout, a deletion behind the platform's back or a kubectl edit is seen at once.
 */
final class OwnedDeployments extends AbstractEventSource<Deployment, PlatformApp> {

    private final ClusterCache cache;

    OwnedDeployments(ClusterCache cache) {
        super(Deployment.class, "owned-deployments");
        this.cache = cache;
    }

    /** Feeds the operator; registered on the cache when the operator prepares its event sources. */
    void changed(Deployment before, Deployment after) {
        Deployment d = after != null ? after : before;
        String owner = ownerOf(d);
        if (owner != null && isRunning()) {
            getEventHandler().handleEvent(new Event(new ResourceID(owner, d.getMetadata().getNamespace())));
        }
    }

    @Override
    public Set<Deployment> getSecondaryResources(PlatformApp app) {
        return cache.deployments().get(app.getMetadata().getNamespace(), app.getMetadata().getName())
                .filter(d -> app.getMetadata().getName().equals(ownerOf(d))).map(Set::of).orElse(Set.of());
    }

    private static String ownerOf(Deployment d) {
        Map<String, String> labels = d.getMetadata().getLabels();
        return labels == null ? null : labels.get(AppLabels.FROM_PLATFORMAPP);
    }
}
