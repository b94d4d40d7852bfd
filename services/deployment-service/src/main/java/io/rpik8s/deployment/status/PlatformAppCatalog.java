package io.rpik8s.deployment.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rpik8s.deployment.crd.PlatformApp;
import io.rpik8s.deployment.kube.KubeCalls;
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

    /** The label the reconciler puts on every object it makes from a PlatformApp. */
    static final String FROM_PLATFORMAPP = "rpi-k8s.io/platformapp";

    private final KubernetesClient client;

    public PlatformAppCatalog(KubernetesClient client) {
        this.client = client;
    }

    /** PlatformApps in {@code namespaces}, ordered by namespace and name. */
    public Uni<List<PlatformAppSummary>> list(List<String> namespaces) {
        return KubeCalls.call(() -> {
            List<PlatformAppSummary> apps = new ArrayList<>();
            for (String ns : namespaces) {
                Map<String, Integer> ready = new HashMap<>();
                for (Deployment d : client.apps().deployments().inNamespace(ns).withLabel(FROM_PLATFORMAPP).list()
                        .getItems()) {
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
                .stream().filter(c -> "Ready".equals(c.getType())).findFirst();
        return new PlatformAppSummary(app.getMetadata().getName(), app.getMetadata().getNamespace(),
                app.getSpec() == null ? null : app.getSpec().getImage(),
                app.getSpec() == null ? null : app.getSpec().getReplicas(), readyReplicas,
                app.getMetadata().getGeneration(),
                app.getStatus() == null ? null : app.getStatus().getObservedGeneration(),
                ready.map(c -> new PlatformAppSummary.Ready(c.getStatus(), c.getReason(), c.getMessage(),
                        c.getLastTransitionTime())).orElse(null));
    }
}
