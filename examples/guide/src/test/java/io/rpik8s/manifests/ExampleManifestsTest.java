package io.rpik8s.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide's "Adding custom services": my-service's kustomize folder, added to the platform as the guide says, and
 * its Helm values, pass the same checks as kubernetes/ (kubernetes-manifests' Policies, Budgets and CrdRules).
 */
class ExampleManifestsTest {

    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final Path FOLDER = ROOT.resolve("examples/my-service/kubernetes/base-services/my-service");
    static final String IMAGE = "ghcr.io/rpi-k8s-platform/my-service:0.1.0";
    /** The line the guide adds to the grafana-dashboards files in kubernetes/base-services/grafana/kustomization.yaml. */
    static final String DASHBOARD_LINE = "      - dashboards/my-service.json";
    /** The lines the guide adds to the root kubernetes/kustomization.yaml and to kubernetes/overlays/cluster's. */
    static final String ROOT_LINE = "  - base-services/my-service/";
    static final String CLUSTER_LINE = "  - ../../base-services/my-service/";

    @TempDir
    static Path work;
    static Path tree;

    /** Does to a copy of kubernetes/ what the guide tells a user to do. */
    @BeforeAll
    static void addMyServiceToACopyOfThePlatform() throws IOException {
        tree = work.resolve("kubernetes");
        copy(ROOT.resolve("kubernetes"), tree);
        copy(FOLDER, tree.resolve("base-services/my-service"));
        Path root = tree.resolve("kustomization.yaml");
        Files.writeString(root, Files.readString(root).replace("  - platform/\n", "  - platform/\n" + ROOT_LINE + "\n"));
        Path cluster = tree.resolve("overlays/cluster/kustomization.yaml");
        Files.writeString(cluster, Files.readString(cluster)
                .replace("  - ../../platform\n", "  - ../../platform\n" + CLUSTER_LINE + "\n"));
        Files.createDirectories(tree.resolve("overlays/single-node-with-my-service"));
        Files.writeString(tree.resolve("overlays/single-node-with-my-service/kustomization.yaml"),
                "resources:\n  - ../single-node\n" + CLUSTER_LINE + "\n");
        Files.copy(ROOT.resolve("examples/my-service/kubernetes/grafana/my-service.json"),
                tree.resolve("base-services/grafana/dashboards/my-service.json"));
        Path grafana = tree.resolve("base-services/grafana/kustomization.yaml");
        Files.writeString(grafana, Files.readString(grafana).replace("      - dashboards/webhook-delivery.json\n",
                "      - dashboards/webhook-delivery.json\n" + DASHBOARD_LINE + "\n"));
        Path images = tree.resolve("IMAGES.md");
        Files.writeString(images, Files.readString(images) + "\n| `" + IMAGE + "` | platform-system/my-service | "
                + "linux/arm64, linux/amd64 | `examples/my-service` |\n");
        copy(ROOT.resolve("examples/webhooks-gitops"), tree.resolve("overlays/webhooks-gitops"));
        copy(ROOT.resolve("examples/events-consumer/kubernetes/app"), tree.resolve("apps/events-consumer"));
        copy(ROOT.resolve("examples/events-consumer/kubernetes/kafka-access"), tree.resolve("overlays/kafka-access"));
        copy(ROOT.resolve("examples/sidecar/kubernetes"), tree.resolve("apps/shop"));
        System.setProperty("manifests.root", tree.toString());
    }

    @Test
    void theGuideTellsWhatThisTestDoes() throws IOException {
        assertThat(Files.readString(ROOT.resolve("docs/extending.md"))).contains(ROOT_LINE, CLUSTER_LINE, DASHBOARD_LINE)
                .contains("`" + IMAGE + "`");
    }

    @Test
    void theFolderRendersAloneWithinThePlatformRules() throws IOException {
        List<HasMetadata> objects = Renderer.render("base-services/my-service");
        assertThat(objects).extracting(HasMetadata::getKind).contains("CustomResourceDefinition", "Deployment",
                "Service", "ConfigMap", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "NetworkPolicy");
        assertThat(violations(objects)).isEmpty();
        assertThat(objects).filteredOn(o -> !o.getKind().startsWith("Cluster")
                && !o.getKind().equals("CustomResourceDefinition"))
                .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("platform-system"));
    }

    @Test
    void addedToThePlatformItPassesEveryCheckAndFitsFourPi4() throws IOException {
        for (String kustomization : List.of("", "overlays/cluster")) {
            List<HasMetadata> objects = Renderer.render(kustomization);
            Deployment myService = objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                    .filter(d -> d.getMetadata().getName().equals("my-service")).findFirst().orElseThrow();
            // Prometheus' management-services job scrapes the pods with this component label
            assertThat(myService.getSpec().getTemplate().getMetadata().getLabels())
                    .containsEntry("app.kubernetes.io/component", "management-service");
            assertThat(objects).anyMatch(o -> o.getMetadata().getName().startsWith("grafana-dashboards")
                    && ((io.fabric8.kubernetes.api.model.ConfigMap) o).getData().containsKey("my-service.json"));
            List<String> found = violations(objects);
            found.addAll(Budgets.check("kubernetes/" + kustomization, objects, Budgets.FOUR_PI4));
            assertThat(found).as("kubernetes/" + kustomization).isEmpty();
        }
    }

    /** What the guide says of one Pi 5: its limits leave no room for another JVM service without freeing some. */
    @Test
    void onOnePi5MyServiceDoesNotFitWithoutFreeingMemory() {
        List<HasMetadata> objects = Renderer.render("overlays/single-node-with-my-service");
        assertThat(Budgets.check("single-node + my-service", objects, Budgets.ONE_PI5))
                .anyMatch(v -> v.contains("memory limits") && v.contains("exceed the allocatable"));
        assertThat(Budgets.check("single-node", Renderer.render("overlays/single-node"), Budgets.ONE_PI5)).isEmpty();
    }

    @Test
    void theGeneratedBackupCrdPassesTheApiServerRulesAndShowsReady() {
        Map<String, Object> crd = CrdRulesTest.read(FOLDER.resolve("backups.rpi-k8s.io-v1.yml"));
        assertThat(CrdRules.check(crd)).isEmpty();
        assertThat(crd.toString()).contains("name=Ready", "subresources={status={}}", "group=rpi-k8s.io");
    }

    @Test
    void theHelmRouteRendersMyServiceWithinThePlatformRules() throws IOException {
        List<HasMetadata> objects = Manifests.parse(new Helm(HelmChartTest.CHART).template()
                .withName("rpi-k8s-platform").withNamespace("platform-system")
                .withValuesFile(ROOT.resolve("examples/my-service/helm/values-my-service.yaml")).call());
        Deployment deployment = objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .filter(d -> d.getMetadata().getName().equals("my-service")).findFirst().orElseThrow();
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(IMAGE);
        assertThat(objects).anyMatch(o -> o.getKind().equals("ConfigMap")
                && o.getMetadata().getName().equals("my-service-config")
                && o.toString().contains("MY_SERVICE_NAMESPACES"));
        assertThat(violations(objects)).isEmpty();
    }

    /** The original WebhookSettings (enabled, endpoints, secret) as a GitOps overlay: secret by reference only. */
    @Test
    void theWebhookSettingsOverlayConfiguresTheDispatcherWithoutACredentialInGit() throws IOException {
        List<HasMetadata> objects = Renderer.render("overlays/webhooks-gitops");
        var config = objects.stream().filter(o -> o.getKind().equals("ConfigMap")
                && o.getMetadata().getName().equals("webhook-dispatcher-config"))
                .map(io.fabric8.kubernetes.api.model.ConfigMap.class::cast).findFirst().orElseThrow();
        assertThat(config.getData()).containsEntry("PLATFORM_WEBHOOKS_ENABLED", "true")
                .containsKeys("PLATFORM_WEBHOOKS_ENDPOINTS", "PLATFORM_WEBHOOKS_STATIC_ENDPOINTS_OPS_FILTERS");
        Deployment dispatcher = objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .filter(d -> d.getMetadata().getName().equals("webhook-dispatcher")).findFirst().orElseThrow();
        assertThat(dispatcher.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .filteredOn(e -> e.getName().equals("PLATFORM_WEBHOOKS_SECRET")).singleElement()
                .satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("platform-webhooks"));
        List<String> found = violations(objects);
        found.addAll(Budgets.check("overlays/webhooks-gitops", objects, Budgets.ONE_PI5));
        assertThat(found).isEmpty();
    }

    /** An app outside the platform: not part-of it, but held to the same container, Secret and Service rules. */
    @Test
    void theEventsConsumerRunsUnderThePlatformsContainerRules() {
        List<HasMetadata> objects = Renderer.render("apps/events-consumer");
        List<String> found = new ArrayList<>();
        found.addAll(Policies.containers(objects));
        found.addAll(Policies.credentials(objects));
        found.addAll(Policies.serviceSelectors(objects));
        assertThat(found).isEmpty();
        assertThat(objects).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("default"));
    }

    /** The guide's app with the platform sidecar added by hand: both containers under the platform's rules. */
    @Test
    void theSidecarAddedByHandRunsUnderThePlatformsContainerRules() {
        List<HasMetadata> objects = Renderer.render("apps/shop");
        List<String> found = new ArrayList<>();
        found.addAll(Policies.containers(objects));
        found.addAll(Policies.credentials(objects));
        assertThat(found).isEmpty();
        var pod = objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst()
                .orElseThrow().getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers()).extracting(c -> c.getName()).containsExactly("shop", "platform-sidecar");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getVolumes()).filteredOn(v -> v.getProjected() != null).singleElement()
                .satisfies(v -> assertThat(v.getProjected().getSources().get(0).getServiceAccountToken()
                        .getAudience()).isEqualTo("rpi-k8s-platform"));
    }

    /** The guide's patch lets the default namespace reach Kafka, and nothing else changes in the overlay. */
    @Test
    void theKafkaAccessPatchAdmitsTheAppsNamespace() throws IOException {
        List<HasMetadata> objects = Renderer.render("overlays/kafka-access");
        var kafka = objects.stream().filter(io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class::isInstance)
                .map(io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class::cast)
                .filter(p -> p.getMetadata().getName().equals("kafka")).findFirst().orElseThrow();
        assertThat(kafka.getSpec().getIngress().get(0).getFrom()).filteredOn(peer -> peer.getNamespaceSelector() != null)
                .singleElement().satisfies(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels())
                        .containsEntry("kubernetes.io/metadata.name", "default"));
        List<String> found = violations(objects);
        found.addAll(Budgets.check("overlays/kafka-access", objects, Budgets.FOUR_PI4));
        assertThat(found).isEmpty();
        assertThat(objects).hasSameSizeAs(Renderer.render("overlays/cluster"));
    }

    private static List<String> violations(List<HasMetadata> objects) throws IOException {
        String imagesMd = Files.readString(tree.resolve("IMAGES.md"));
        List<String> found = new ArrayList<>();
        found.addAll(Policies.labels(objects));
        found.addAll(Policies.containers(objects));
        found.addAll(Policies.images(objects, imagesMd));
        found.addAll(Policies.credentials(objects));
        found.addAll(Policies.serviceSelectors(objects));
        found.addAll(Policies.rbac(objects));
        return found;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path relative = from.relativize(path);
                if (relative.getNameCount() > 0 && List.of("src", "target").contains(relative.getName(0).toString())) {
                    continue;
                }
                Path copy = to.resolve(relative.toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy);
                }
            }
        }
    }
}
