package io.rpik8s.deployment.status;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.deployment.kube.Rollouts;
import io.rpik8s.model.plugin.AppLabels;
import io.rpik8s.model.plugin.AppRef;
import io.rpik8s.model.plugin.RolloutState;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Reads Deployments, their pods and ReplicaSets from the cluster. Every method blocks. */
@ApplicationScoped
public class DeploymentInspector {

    private final KubernetesClient client;

    public DeploymentInspector(KubernetesClient client) {
        this.client = client;
    }

    /** The Deployment, or a 404 problem. */
    public Deployment require(AppRef app) {
        Deployment d = client.apps().deployments().inNamespace(app.namespace()).withName(app.name()).get();
        if (d == null) {
            throw ApiProblem.notFound("No deployment " + app);
        }
        return d;
    }

    public DeploymentView details(AppRef app) {
        Deployment d = require(app);
        List<Pod> pods = podsOf(d);
        var status = d.getStatus();
        RolloutState state = Rollouts.stateOf(d, pods);
        String message = Rollouts.deadlineExceeded(d).map(c -> c.getMessage())
                .or(() -> Rollouts.failingPod(pods).map(f -> f[1])).orElse(null);
        List<DeploymentView.Condition> conditions = status == null || status.getConditions() == null ? List.of()
                : status.getConditions().stream().map(c -> new DeploymentView.Condition(c.getType(), c.getStatus(),
                        c.getReason(), c.getMessage(), c.getLastTransitionTime())).toList();
        Container main = mainContainer(d);
        var service = client.services().inNamespace(app.namespace()).withName(app.name()).get();
        Integer servicePort = service == null || service.getSpec().getPorts().isEmpty() ? null
                : service.getSpec().getPorts().get(0).getPort();
        Map<String, Object> resources = new TreeMap<>();
        if (main.getResources() != null) {
            if (main.getResources().getRequests() != null && !main.getResources().getRequests().isEmpty()) {
                resources.put("requests", strings(main.getResources().getRequests()));
            }
            if (main.getResources().getLimits() != null && !main.getResources().getLimits().isEmpty()) {
                resources.put("limits", strings(main.getResources().getLimits()));
            }
        }
        var spec = new DeploymentView.Spec(Rollouts.desired(d),
                main.getPorts() == null ? List.of() : main.getPorts().stream().map(p -> p.getContainerPort()).toList(),
                main.getEnv() == null ? List.of() : main.getEnv().stream().map(e -> e.getName()).toList(),
                resources, d.getSpec().getTemplate().getSpec().getNodeSelector(), servicePort);
        var live = new DeploymentView.Status(Rollouts.desired(d),
                nz(status == null ? null : status.getUpdatedReplicas()), Rollouts.ready(d),
                nz(status == null ? null : status.getAvailableReplicas()), Rollouts.revisionOf(d), state.json(),
                message, conditions);
        return new DeploymentView(app.name(), app.namespace(), pluginOf(d), main.getImage(),
                d.getMetadata().getLabels(), spec, live, pods.stream().map(DeploymentInspector::podView).toList());
    }

    /** Pods selected by the Deployment's selector. */
    public List<Pod> podsOf(Deployment d) {
        return client.pods().inNamespace(d.getMetadata().getNamespace())
                .withLabels(d.getSpec().getSelector().getMatchLabels()).list().getItems();
    }

    /** ReplicaSets owned by the Deployment, oldest revision first. */
    public List<ReplicaSet> replicaSetsOf(Deployment d) {
        return client.apps().replicaSets().inNamespace(d.getMetadata().getNamespace()).list().getItems().stream()
                .filter(rs -> rs.getMetadata().getOwnerReferences() != null && rs.getMetadata().getOwnerReferences()
                        .stream().anyMatch(o -> Objects.equals(o.getUid(), d.getMetadata().getUid())))
                .filter(rs -> rs.getMetadata().getAnnotations() != null
                        && rs.getMetadata().getAnnotations().containsKey(Rollouts.REVISION))
                .sorted(Comparator.comparingLong(DeploymentInspector::revisionOf))
                .toList();
    }

    public static long revisionOf(ReplicaSet rs) {
        return Long.parseLong(rs.getMetadata().getAnnotations().get(Rollouts.REVISION));
    }

    public static Container mainContainer(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    public static String pluginOf(Deployment d) {
        return d.getMetadata().getLabels() == null ? null : d.getMetadata().getLabels().get(AppLabels.PLUGIN);
    }

    private static DeploymentView.PodView podView(Pod p) {
        var status = p.getStatus();
        var containers = status == null || status.getContainerStatuses() == null ? List.<io.fabric8.kubernetes.api.model.ContainerStatus>of()
                : status.getContainerStatuses();
        boolean ready = !containers.isEmpty() && containers.stream().allMatch(c -> Boolean.TRUE.equals(c.getReady()));
        int restarts = containers.stream().mapToInt(c -> nz(c.getRestartCount())).sum();
        String reason = containers.stream().filter(c -> c.getState() != null && c.getState().getWaiting() != null)
                .map(c -> c.getState().getWaiting().getReason()).findFirst().orElse(null);
        return new DeploymentView.PodView(p.getMetadata().getName(), status == null ? null : status.getPhase(), ready,
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
