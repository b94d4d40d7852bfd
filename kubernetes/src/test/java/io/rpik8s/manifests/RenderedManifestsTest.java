package io.rpik8s.manifests;

import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Renders the root kustomization and each overlay and holds every object to the platform's rules. */
class RenderedManifestsTest {

    /** Raspberry Pi 4 (4 GB): about 3.7 GiB visible to Linux, minus k3s' 100 MiB eviction threshold. */
    static final Policies.Budget CLUSTER = new Policies.Budget("four Pi 4 (4 GB)", 4, 3600, 4, 0.60);
    /** Raspberry Pi 5 (8 GB); a quarter is left to the k3s server itself and notebooks. */
    static final Policies.Budget SINGLE_NODE = new Policies.Budget("one Pi 5 (8 GB)", 1, 7800, 4, 0.75);

    static Stream<Arguments> kustomizations() {
        return Stream.of(
                Arguments.of("", CLUSTER),
                Arguments.of("overlays/cluster", CLUSTER),
                Arguments.of("overlays/single-node", SINGLE_NODE));
    }

    @ParameterizedTest(name = "kubernetes/{0}")
    @MethodSource("kustomizations")
    void everyObjectCarriesTheThreeLabels(String kustomization) {
        assertNoViolations(kustomization, Policies.labels(render(kustomization)));
    }

    @ParameterizedTest(name = "kubernetes/{0}")
    @MethodSource("kustomizations")
    void everyContainerHasResourcesProbesAndSecuritySettings(String kustomization) {
        assertNoViolations(kustomization, Policies.containers(render(kustomization)));
    }

    @ParameterizedTest(name = "kubernetes/{0}")
    @MethodSource("kustomizations")
    void everyImageIsPinnedAndListed(String kustomization) throws IOException {
        String imagesMd = Files.readString(Renderer.sourceRoot().resolve("IMAGES.md"));
        assertNoViolations(kustomization, Policies.images(render(kustomization), imagesMd));
    }

    @ParameterizedTest(name = "kubernetes/{0}")
    @MethodSource("kustomizations")
    void noCredentialInPlainText(String kustomization) {
        assertNoViolations(kustomization, Policies.credentials(render(kustomization)));
    }

    @ParameterizedTest(name = "kubernetes/{0}")
    @MethodSource("kustomizations")
    void everyServiceSelectsPods(String kustomization) {
        assertNoViolations(kustomization, Policies.serviceSelectors(render(kustomization)));
    }

    @ParameterizedTest(name = "kubernetes/{0}")
    @MethodSource("kustomizations")
    void noWildcardPermissions(String kustomization) {
        assertNoViolations(kustomization, Policies.rbac(render(kustomization)));
    }

    /** storage-service writes Secrets: only in the namespaces it manages, never cluster-wide. */
    @ParameterizedTest(name = "kubernetes/{0}")
    @MethodSource("kustomizations")
    void storageServiceHasSecretRightsOnlyInItsManagedNamespaces(String kustomization) {
        List<HasMetadata> objects = render(kustomization);
        String managed = objects.stream().filter(io.fabric8.kubernetes.api.model.ConfigMap.class::isInstance)
                .map(io.fabric8.kubernetes.api.model.ConfigMap.class::cast)
                .filter(c -> c.getData() != null && c.getData().containsKey("PLATFORM_STORAGE_VOLUMES_NAMESPACES"))
                .map(c -> c.getData().get("PLATFORM_STORAGE_VOLUMES_NAMESPACES")).findFirst().orElseThrow();
        java.util.Set<String> bound = new java.util.TreeSet<>();
        for (HasMetadata o : objects) {
            if (o instanceof io.fabric8.kubernetes.api.model.rbac.ClusterRole role
                    && role.getMetadata().getName().endsWith("storage-service")) {
                assertTrue(role.getRules().stream().noneMatch(r -> r.getResources().contains("secrets")),
                        "storage-service's ClusterRole must not grant Secrets");
            }
            if (o instanceof io.fabric8.kubernetes.api.model.rbac.RoleBinding binding
                    && binding.getSubjects().stream().anyMatch(sub -> "storage-service".equals(sub.getName()))) {
                bound.add(binding.getMetadata().getNamespace());
            }
        }
        assertTrue(bound.equals(new java.util.TreeSet<>(List.of(managed.split(",")))),
                "storage-service Roles in " + bound + ", managed namespaces " + managed);
    }

    @ParameterizedTest(name = "kubernetes/{0}")
    @MethodSource("kustomizations")
    void requestsFitTheNodes(String kustomization, Policies.Budget budget) {
        List<HasMetadata> objects = render(kustomization);
        assertNoViolations(kustomization, Policies.budget(objects, budget));
        double[] requested = Policies.requested(objects, budget.nodes());
        System.out.printf("kubernetes/%s: %.0f MiB of %d MiB budget, %.2f of %.2f cores (%s)%n", kustomization,
                requested[0], budget.memoryBudgetMi(), requested[1], budget.cpuBudget(), budget.name());
    }

    /** Each component also installs on its own (`kubectl apply -k kubernetes/base-services/<name>`). */
    @ParameterizedTest(name = "kubernetes/base-services/{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"minio", "postgresql", "mlflow", "jupyterhub",
            "prometheus", "grafana", "dask", "ray", "kafka", "otel-collector"})
    void everyComponentRendersAloneWithItsLabelsAndNamespace(String component) {
        List<HasMetadata> objects = render("base-services/" + component);
        assertNoViolations("base-services/" + component, Policies.labels(objects));
        assertNoViolations("base-services/" + component, Policies.containers(objects));
        for (HasMetadata object : objects) {
            boolean clusterScoped = object.getKind().startsWith("Cluster") || object.getKind().equals("Namespace");
            assertTrue(clusterScoped || object.getMetadata().getNamespace() != null,
                    () -> Manifests.id(object) + " in base-services/" + component + " has no namespace");
        }
    }

    static List<HasMetadata> render(String kustomization) {
        List<HasMetadata> objects = Renderer.render(kustomization);
        assertFalse(objects.isEmpty(), "kubernetes/" + kustomization + " rendered no object");
        return objects;
    }

    static void assertNoViolations(String kustomization, List<String> violations) {
        assertTrue(violations.isEmpty(), () -> "kubernetes/" + kustomization + ":\n  " + String.join("\n  ", violations));
    }
}
