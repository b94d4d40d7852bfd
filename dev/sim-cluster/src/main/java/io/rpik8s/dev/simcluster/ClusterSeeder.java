package io.rpik8s.dev.simcluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fills a fresh simulated cluster: namespaces, the four Pi nodes, storage classes, the project's CRDs, k3s add-ons. */
public final class ClusterSeeder {

    /** k3s' own namespaces and every namespace the services manage in the local run (their {@code %local} profiles). */
    public static final List<String> NAMESPACES = List.of("default", "kube-system", "kube-public", "kube-node-lease",
            "platform-system", "ml-platform", "storage", "monitoring", "apps");
    private static final Logger LOG = LoggerFactory.getLogger(ClusterSeeder.class);

    private final KubernetesClient client;

    public ClusterSeeder(KubernetesClient client) {
        this.client = client;
    }

    public void seed(Path crdDirectory) {
        Instant now = Instant.now();
        for (String ns : NAMESPACES) {
            create(new NamespaceBuilder().withNewMetadata().withName(ns)
                    .addToLabels("kubernetes.io/metadata.name", ns).endMetadata().build());
        }
        for (int i = 0; i < SimulatedNodes.SPECS.size(); i++) {
            create(SimulatedNodes.build(SimulatedNodes.SPECS.get(i), i, now));
        }
        create(new StorageClassBuilder().withNewMetadata().withName("local-path")
                .addToAnnotations("storageclass.kubernetes.io/is-default-class", "true")
                .addToAnnotations("defaultVolumeType", "local").endMetadata()
                .withProvisioner("rancher.io/local-path").withReclaimPolicy("Delete")
                .withVolumeBindingMode("Immediate").withAllowVolumeExpansion(false).build());
        create(new StorageClassBuilder().withNewMetadata().withName("nfs-expandable").endMetadata()
                .withProvisioner("cluster.local/nfs-subdir-external-provisioner").withReclaimPolicy("Delete")
                .withVolumeBindingMode("Immediate").withAllowVolumeExpansion(true)
                .addToParameters("archiveOnDelete", "false").build());
        create(new ServiceBuilder().withNewMetadata().withName("kubernetes").withNamespace("default")
                .addToLabels("component", "apiserver").addToLabels("provider", "kubernetes").endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIP("10.43.0.1")
                .addNewPort().withName("https").withPort(443).withProtocol("TCP")
                .withNewTargetPort(6443).endPort().endSpec().build());
        addOn("coredns", "rancher/mirrored-coredns-coredns:1.12.0", 53, Map.of("k8s-app", "kube-dns"));
        addOn("local-path-provisioner", "rancher/local-path-provisioner:v0.0.30", 0, Map.of("app", "local-path-provisioner"));
        addOn("metrics-server", "rancher/mirrored-metrics-server:v0.7.2", 10250, Map.of("k8s-app", "metrics-server"));
        int crds = loadCrds(crdDirectory);
        LOG.info("[SIMULATED] cluster seeded: {} namespaces, {} Raspberry Pi nodes, 2 storage classes, {} CRD(s)",
                NAMESPACES.size(), SimulatedNodes.SPECS.size(), crds);
    }

    private void addOn(String name, String image, int port, Map<String, String> labels) {
        var container = new io.fabric8.kubernetes.api.model.ContainerBuilder().withName(name).withImage(image);
        if (port > 0) {
            container.addNewPort().withContainerPort(port).withProtocol("TCP").endPort();
        }
        create(new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("kube-system")
                .withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().withContainers(container.build())
                .addToNodeSelector("kubernetes.io/os", "linux").endSpec().endTemplate().endSpec().build());
    }

    private int loadCrds(Path directory) {
        if (!Files.isDirectory(directory)) {
            LOG.warn("No CRD directory {}: the simulated cluster has no custom resource types", directory);
            return 0;
        }
        int count = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                    .sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (HasMetadata item : client.load(in).items()) {
                        if ("CustomResourceDefinition".equals(item.getKind())) {
                            create(item);
                            count++;
                        }
                    }
                } catch (RuntimeException e) {
                    // Not Kubernetes objects (e.g. a kustomization.yaml): not CRDs either.
                    LOG.debug("Skipping {}: {}", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list {}: {}", directory, e.getMessage());
        }
        return count;
    }

    private void create(HasMetadata resource) {
        try {
            client.resource(resource).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }
}
