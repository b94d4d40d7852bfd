package io.rpik8s.dev.simcluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The four simulated Raspberry Pi nodes: one Pi 5 8 GB k3s server and three Pi 4 4 GB agents. */
public final class SimulatedNodes {

    public static final String SIMULATED_LABEL = "rpi-k8s.io/simulated";
    public static final String SIMULATED_ANNOTATION = "rpi-k8s.io/simulated";
    public static final String SIMULATED_NOTE =
            "Simulated by dev/sim-cluster (rpi-k8s-platform local run); this is not real hardware";
    public static final String KUBELET_VERSION = SimulatedApiServer.KUBERNETES_VERSION;

    /** Name, model label, memory in KiB, internal IP, kernel, whether it is the control plane. */
    record Spec(String name, String model, long memoryKi, String ip, String kernel, boolean controlPlane,
                Map<String, String> extraLabels) {
    }

    public static final List<Spec> SPECS = List.of(
            new Spec("pi-master", "raspberry-pi-5-8gb", 8_245_132, "192.168.1.100", "6.6.62+rpt-rpi-2712", true,
                    Map.of("rpi-k8s.io/storage", "nvme")),
            new Spec("pi-worker-1", "raspberry-pi-4b-4gb", 3_885_828, "192.168.1.101", "6.6.62+rpt-rpi-v8", false,
                    Map.of("rpi-k8s.io/storage", "usb-ssd", "rpi-k8s.io/workload", "ml")),
            new Spec("pi-worker-2", "raspberry-pi-4b-4gb", 3_885_828, "192.168.1.102", "6.6.62+rpt-rpi-v8", false,
                    Map.of("rpi-k8s.io/storage", "sd-card", "rpi-k8s.io/workload", "ml")),
            new Spec("pi-worker-3", "raspberry-pi-4b-4gb", 3_885_828, "192.168.1.103", "6.6.62+rpt-rpi-v8", false,
                    Map.of("rpi-k8s.io/storage", "sd-card", "rpi-k8s.io/workload", "general")));

    private SimulatedNodes() {
    }

    public static List<String> names() {
        return SPECS.stream().map(Spec::name).toList();
    }

    static Node build(Spec s, int index, Instant now) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("beta.kubernetes.io/arch", "arm64");
        labels.put("beta.kubernetes.io/instance-type", "k3s");
        labels.put("beta.kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", "arm64");
        labels.put("kubernetes.io/hostname", s.name());
        labels.put("kubernetes.io/os", "linux");
        labels.put("node.kubernetes.io/instance-type", "k3s");
        if (s.controlPlane()) {
            labels.put("node-role.kubernetes.io/control-plane", "true");
            labels.put("node-role.kubernetes.io/master", "true");
        }
        labels.put("rpi-k8s.io/model", s.model());
        labels.putAll(s.extraLabels());
        labels.put(SIMULATED_LABEL, "true");
        String storage = s.controlPlane() ? "245084444Ki" : "61202244Ki";
        long allocatableMemory = s.memoryKi();
        Map<String, Quantity> capacity = Map.of("cpu", new Quantity("4"), "memory", new Quantity(s.memoryKi() + "Ki"),
                "pods", new Quantity("110"), "ephemeral-storage", new Quantity(storage), "hugepages-1Gi", new Quantity("0"),
                "hugepages-2Mi", new Quantity("0"), "hugepages-32Mi", new Quantity("0"), "hugepages-64Ki", new Quantity("0"));
        Map<String, Quantity> allocatable = new LinkedHashMap<>(capacity);
        allocatable.put("memory", new Quantity(allocatableMemory + "Ki"));
        allocatable.put("ephemeral-storage", new Quantity(s.controlPlane() ? "238414023462" : "59537671850"));
        String created = now.minusSeconds(86_400L * 12 + index * 600L).toString();
        return new NodeBuilder()
                .withNewMetadata()
                    .withName(s.name())
                    .withLabels(labels)
                    .addToAnnotations(SIMULATED_ANNOTATION, SIMULATED_NOTE)
                    .addToAnnotations("k3s.io/internal-ip", s.ip())
                    .addToAnnotations("k3s.io/hostname", s.name())
                    .addToAnnotations("node.alpha.kubernetes.io/ttl", "0")
                    .addToAnnotations("volumes.kubernetes.io/controller-managed-attach-detach", "true")
                    .withCreationTimestamp(created)
                .endMetadata()
                .withNewSpec()
                    .withPodCIDR("10.42." + index + ".0/24")
                    .withPodCIDRs("10.42." + index + ".0/24")
                    .withProviderID("k3s://" + s.name())
                .endSpec()
                .withNewStatus()
                    .addNewAddress().withType("InternalIP").withAddress(s.ip()).endAddress()
                    .addNewAddress().withType("Hostname").withAddress(s.name()).endAddress()
                    .withCapacity(capacity)
                    .withAllocatable(allocatable)
                    .withConditions(conditions(now, created))
                    .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(10250).endKubeletEndpoint().endDaemonEndpoints()
                    .withNewNodeInfo()
                        .withArchitecture("arm64")
                        .withBootID(UUID.nameUUIDFromBytes(("boot-" + s.name()).getBytes()).toString())
                        .withContainerRuntimeVersion("containerd://1.7.23-k3s2")
                        .withKernelVersion(s.kernel())
                        .withKubeProxyVersion(KUBELET_VERSION)
                        .withKubeletVersion(KUBELET_VERSION)
                        .withMachineID(UUID.nameUUIDFromBytes(s.name().getBytes()).toString().replace("-", ""))
                        .withOperatingSystem("linux")
                        .withOsImage("Debian GNU/Linux 12 (bookworm)")
                        .withSystemUUID(UUID.nameUUIDFromBytes(("sys-" + s.name()).getBytes()).toString())
                    .endNodeInfo()
                .endStatus()
                .build();
    }

    static List<NodeCondition> conditions(Instant heartbeat, String since) {
        String hb = heartbeat.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        return List.of(
                condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", hb, since),
                condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", hb, since),
                condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", hb, since),
                condition("Ready", "True", "KubeletReady", "kubelet is posting ready status (simulated)", hb, since));
    }

    private static NodeCondition condition(String type, String status, String reason, String message, String hb, String since) {
        return new NodeConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastHeartbeatTime(hb).withLastTransitionTime(since).build();
    }
}
