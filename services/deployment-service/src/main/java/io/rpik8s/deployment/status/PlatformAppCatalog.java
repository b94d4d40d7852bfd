package io.rpik8s.deployment.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rpik8s.deployment.crd.ConditionTypes;
import io.rpik8s.deployment.crd.PlatformApp;
import io.rpik8s.deployment.kube.ClusterCache;
import io.rpik8s.model.plugin.BlockingCalls;
import io.rpik8s.model.plugin.AppLabels;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The PlatformApp resources of the managed namespaces with their Ready condition, read on a worker thread. */
@ApplicationScoped
public class PlatformAppCatalog {

    private static final String FROM_PLATFORMAPP = AppLabels.FROM_PLATFORMAPP;

    private final KubernetesClient client;
    private final ClusterCache cache;

    public PlatformAppCatalog(KubernetesClient client, ClusterCache cache) {
        this.client = client;
        this.cache = cache;
    }

    /** PlatformApps in {@code namespaces}, ordered by namespace and name. */
    public Uni<List<PlatformAppSummary>> list(List<String> namespaces) {
        return BlockingCalls.call(() -> {
            List<PlatformAppSummary> apps = new ArrayList<>();
            for (String ns : namespaces) {
                Map<String, Integer> ready = new HashMap<>();
                for (Deployment d : cache.deployments().list(ns).stream().filter(d -> d.getMetadata().getLabels() != null
                        && d.getMetadata().getLabels().containsKey(FROM_PLATFORMAPP)).toList()) {
                    Integer count = d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
                    ready.put(d.getMetadata().getLabels().get(FROM_PLATFORMAPP), count == null ? 0 : count);
                }
                for (PlatformApp app : client.resources(PlatformApp.class).inNamespace(ns).list().getItems()) {
                    apps.add(summary(app, ready.get(app.getMetadata().getName())));
                }
            }
            apps.sort(Comparator.comparing(PlatformAppSummary::namespace).thenComparing(PlatformAppSummary::name));
            return apps;
        });
    }

    private static PlatformAppSummary summary(PlatformApp app, Integer readyReplicas) {
        Optional<Condition> ready = app.getStatus() == null ? Optional.empty() : app.getStatus().getConditions()
                .stream().filter(c -> ConditionTypes.READY.equals(c.getType())).findFirst();
        return new PlatformAppSummary(app.getMetadata().getName(), app.getMetadata().getNamespace(),
                app.getSpec() == null ? null : app.getSpec().getImage(),
                app.getSpec() == null ? null : app.getSpec().getReplicas(), readyReplicas,
                app.getMetadata().getGeneration(),
                app.getStatus() == null ? null : app.getStatus().getObservedGeneration(),
                ready.map(c -> new PlatformAppSummary.Ready(c.getStatus(), c.getReason(), c.getMessage(),
                        c.getLastTransitionTime())).orElse(null));
    }
}
