package io.rpik8s.deployment.status;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.rpik8s.deployment.kube.ClusterCache;
import io.rpik8s.model.plugin.AppLabels;
import io.rpik8s.model.plugin.AppNotFoundException;
import io.rpik8s.model.plugin.AppRef;
import io.rpik8s.model.plugin.RolloutState;
import io.rpik8s.model.plugin.kube.Rollouts;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Shows a Deployment as an app: spec, live status, pods and Service, read from the cluster cache. */
@ApplicationScoped
public class AppInspector {

    private final ClusterCache cache;

    public AppInspector(ClusterCache cache) {
        this.cache = cache;
    }

    /** The app's Deployment (one of its name), or not found. */
    public Deployment require(AppRef app) {
        return cache.deployments().get(app.namespace(), app.name())
                .orElseThrow(() -> new AppNotFoundException("No deployment " + app));
    }

    public AppView details(AppRef app) {
        return details(require(app));
    }

    /** {@code d} as an app, with its pods and Service from the cache; {@code d} may be fresher than the cache. */
    public AppView details(Deployment d) {
        AppRef app = new AppRef(d.getMetadata().getNamespace(), d.getMetadata().getName());
        List<Pod> pods = cache.podsOf(d);
        var status = d.getStatus();
        RolloutState state = Rollouts.stateOf(d, pods);
        String message = Rollouts.deadlineExceeded(d).map(c -> c.getMessage())
                .or(() -> Rollouts.failingPod(pods).map(f -> f[1])).orElse(null);
        List<AppView.Condition> conditions = status == null || status.getConditions() == null ? List.of()
                : status.getConditions().stream().map(c -> new AppView.Condition(c.getType(), c.getStatus(),
                        c.getReason(), c.getMessage(), c.getLastTransitionTime())).toList();
        Container main = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        Integer servicePort = cache.service(app.namespace(), app.name())
                .filter(s -> s.getSpec().getPorts() != null && !s.getSpec().getPorts().isEmpty())
                .map(s -> s.getSpec().getPorts().get(0).getPort()).orElse(null);
        Map<String, Object> resources = new TreeMap<>();
        if (main.getResources() != null) {
            if (main.getResources().getRequests() != null && !main.getResources().getRequests().isEmpty()) {
                resources.put("requests", strings(main.getResources().getRequests()));
            }
            if (main.getResources().getLimits() != null && !main.getResources().getLimits().isEmpty()) {
                resources.put("limits", strings(main.getResources().getLimits()));
            }
        }
        var spec = new AppView.Spec(Rollouts.desired(d),
                main.getPorts() == null ? List.of() : main.getPorts().stream().map(p -> p.getContainerPort()).toList(),
                main.getEnv() == null ? List.of() : main.getEnv().stream().map(e -> e.getName()).toList(),
                resources, d.getSpec().getTemplate().getSpec().getNodeSelector(), servicePort);
        var live = new AppView.Status(Rollouts.desired(d),
                nz(status == null ? null : status.getUpdatedReplicas()), Rollouts.ready(d),
                nz(status == null ? null : status.getAvailableReplicas()), Rollouts.revisionOf(d), state.json(),
                message, conditions);
        return new AppView(app.name(), app.namespace(), AppLabels.pluginOf(d.getMetadata().getLabels()),
                main.getImage(), d.getMetadata().getLabels(), spec, live,
                pods.stream().map(AppInspector::podView).toList());
    }

    private static AppView.PodView podView(Pod p) {
        var status = p.getStatus();
        var containers = status == null || status.getContainerStatuses() == null ? List.<io.fabric8.kubernetes.api.model.ContainerStatus>of()
                : status.getContainerStatuses();
        boolean ready = !containers.isEmpty() && containers.stream().allMatch(c -> Boolean.TRUE.equals(c.getReady()));
        int restarts = containers.stream().mapToInt(c -> nz(c.getRestartCount())).sum();
        String reason = containers.stream().filter(c -> c.getState() != null && c.getState().getWaiting() != null)
                .map(c -> c.getState().getWaiting().getReason()).findFirst().orElse(null);
        return new AppView.PodView(p.getMetadata().getName(), status == null ? null : status.getPhase(), ready,
                restarts, p.getSpec() == null ? null : p.getSpec().getNodeName(), reason);
    }

    private static Map<String, String> strings(Map<String, io.fabric8.kubernetes.api.model.Quantity> q) {
        Map<String, String> out = new TreeMap<>();
        q.forEach((k, v) -> out.put(k, v.toString()));
        return out;
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }
}
