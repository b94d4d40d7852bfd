package io.rpik8s.monitoring.support;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds Raspberry Pi nodes and pods in the Fabric8 mock server the way a k3s cluster reports them. */
public final class TestCluster {

    private final KubernetesClient client;

    public TestCluster(KubernetesClient client) {
        this.client = client;
    }

    /** A Ready arm64 Pi node with the given conditions set to True (e.g. MemoryPressure) and Ready as given. */
    public Node node(String name, boolean ready, boolean simulated, String ip, String... trueConditions) {
        List<NodeCondition> conditions = new ArrayList<>();
        conditions.add(condition("Ready", ready ? "True" : "False", ready ? "KubeletReady" : "KubeletNotReady"));
        for (String type : new String[] {"MemoryPressure", "DiskPressure", "PIDPressure"}) {
            conditions.add(condition(type, List.of(trueConditions).contains(type) ? "True" : "False", null));
        }
        Node node = new NodeBuilder().withNewMetadata().withName(name)
                .addToLabels("kubernetes.io/arch", "arm64")
                .addToLabels("node-role.kubernetes.io/worker", "true")
                .addToLabels(simulated ? Map.of("rpi-k8s.io/simulated", "true") : Map.of())
                .endMetadata()
                .withNewStatus().withConditions(conditions)
                .addNewAddress().withType("InternalIP").withAddress(ip).endAddress()
                .withCapacity(Map.of("cpu", new Quantity("4"), "memory", new Quantity("8Gi"), "pods",
                        new Quantity("110")))
                .withAllocatable(Map.of("cpu", new Quantity("4"), "memory", new Quantity("7800Mi"), "pods",
                        new Quantity("110")))
                .withNewNodeInfo().withArchitecture("arm64").withOsImage("Debian GNU/Linux 12 (bookworm)")
                .withKubeletVersion("v1.31.4+k3s1").endNodeInfo()
                .endStatus().build();
        return client.nodes().resource(node).createOr(n -> n.update());
    }

    /** A pod on {@code node}; {@code waitingReason} null means Running and Ready. */
    public Pod pod(String namespace, String name, String node, String waitingReason, int restarts) {
        boolean running = waitingReason == null;
        Pod pod = new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name)
                .addToLabels("app", name).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("main").withImage("nginx:1.27")
                .withNewResources().addToRequests("cpu", new Quantity("250m"))
                .addToRequests("memory", new Quantity("128Mi")).endResources().endContainer().endSpec()
                .withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus(running ? "True" : "False").endCondition()
                .withContainerStatuses(new ContainerStatusBuilder().withName("main").withRestartCount(restarts)
                        .withReady(running).withNewState()
                        .withWaiting(running ? null : new io.fabric8.kubernetes.api.model.ContainerStateWaiting(
                                "back-off restarting failed container", waitingReason))
                        .withRunning(running ? new io.fabric8.kubernetes.api.model.ContainerStateRunning(
                                "2026-01-01T00:00:00Z") : null)
                        .endState().build())
                .endStatus().build();
        return client.pods().inNamespace(namespace).resource(pod).createOr(p -> p.update());
    }

    private static NodeCondition condition(String type, String status, String reason) {
        return new NodeConditionBuilder().withType(type).withStatus(status).withReason(reason)
                .withLastTransitionTime("2026-01-01T00:00:00Z").build();
    }
}
