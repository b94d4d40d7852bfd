package io.rpik8s.manifests;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Helm path (deploy/helm/rpi-k8s-platform): linted, rendered and held to the kustomize tree's rules. */
class HelmChartTest {

    static final Path CHART = Paths.get(System.getProperty("helm.chart.dir", "../deploy/helm/rpi-k8s-platform"))
            .toAbsolutePath().normalize();

    private static List<HasMetadata> template(String valuesFile) {
        var command = new Helm(CHART).template().withName("rpi-k8s-platform").withNamespace("platform-system");
        if (valuesFile != null) {
            command = command.withValuesFile(CHART.resolve(valuesFile));
        }
        return Manifests.parse(command.call());
    }

    @Test
    void chartLintsStrictly() {
        var result = new Helm(CHART).lint().strict().call();
        assertFalse(result.isFailed(), () -> "helm lint --strict " + CHART + ":\n" + String.join("\n", result.getMessages()));
    }

    @ParameterizedTest(name = "values: {0}")
    @ValueSource(strings = {"values.yaml", "values-single-node.yaml"})
    void renderedChartFollowsThePlatformRules(String valuesFile) throws Exception {
        List<HasMetadata> objects = template(valuesFile);
        assertFalse(objects.isEmpty(), "the chart rendered nothing");
        String imagesMd = Files.readString(Renderer.sourceRoot().resolve("IMAGES.md"));
        List<String> violations = new ArrayList<>();
        violations.addAll(Policies.labels(objects));
        violations.addAll(Policies.containers(objects));
        violations.addAll(Policies.images(objects, imagesMd));
        violations.addAll(Policies.credentials(objects));
        violations.addAll(Policies.serviceSelectors(objects));
        violations.addAll(Policies.rbac(objects));
        assertTrue(violations.isEmpty(), () -> "helm template (" + valuesFile + "):\n  " + String.join("\n  ", violations));
    }

    /** The chart denies ingress by default, like kubernetes/management/common. */
    @Test
    void chartBringsADefaultDenyNetworkPolicy() {
        var deny = template(null).stream().filter(io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class::isInstance)
                .map(io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class::cast)
                .filter(p -> p.getSpec().getPodSelector().getMatchLabels() == null
                        || p.getSpec().getPodSelector().getMatchLabels().isEmpty())
                .toList();
        assertEquals(1, deny.size(), "one NetworkPolicy selecting every pod");
        assertEquals(List.of("Ingress"), deny.get(0).getSpec().getPolicyTypes());
        assertTrue(deny.get(0).getSpec().getIngress() == null || deny.get(0).getSpec().getIngress().isEmpty(),
                "the default policy allows nothing");
    }

    /** values.schema.json refuses what would render a broken release. */
    @ParameterizedTest(name = "{0}={1}")
    @org.junit.jupiter.params.provider.CsvSource({"services.deployment-service.replicas,many", "image.tag,latest",
            "objectStorage,ceph", "podSecurityContext.runAsNonRoot,false", "unknownTopLevel,1"})
    void valuesSchemaRejectsBadValues(String key, String value) {
        var command = new Helm(CHART).template().withName("rpi-k8s-platform").withNamespace("platform-system")
                .set(key, value);
        var error = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, command::call);
        assertTrue(error.getMessage().contains("values don't meet the specifications of the schema"), error::getMessage);
    }

    /** The JVM settings reach the pods from kubernetes/management/common/jvm.env through both install paths. */
    @Test
    void javaToolOptionsComeFromTheOneJvmEnvFile() throws Exception {
        Map<String, String> file = new java.util.TreeMap<>();
        Files.readAllLines(Renderer.sourceRoot().resolve("management/common/jvm.env")).stream()
                .filter(l -> l.matches("^[A-Z_]+=.*")).map(l -> l.split("=", 2)).forEach(kv -> file.put(kv[0], kv[1]));
        assertTrue(file.containsKey("JAVA_TOOL_OPTIONS") && file.containsKey("MALLOC_ARENA_MAX"), file::toString);
        file.forEach((name, value) -> {
            assertEquals(value, platformConfig(template(null)).get(name), "helm template: " + name);
            assertEquals(value, platformConfig(Renderer.render("overlays/cluster")).get(name),
                    "kubectl kustomize overlays/cluster: " + name);
        });
        var overridden = new Helm(CHART).template().withName("r").withNamespace("platform-system")
                .set("config.javaToolOptions", "-XX:MaxRAMPercentage=40.0").call();
        assertEquals("-XX:MaxRAMPercentage=40.0", platformConfig(Manifests.parse(overridden)).get("JAVA_TOOL_OPTIONS"));
    }

    /** With objectStorage=seaweedfs storage-service talks to SeaweedFS' S3 gateway, and may reach it. */
    @Test
    void seaweedfsValueSwitchesTheS3Endpoint() {
        var objects = Manifests.parse(new Helm(CHART).template().withName("r").withNamespace("platform-system")
                .set("objectStorage", "seaweedfs").call());
        var config = objects.stream().filter(io.fabric8.kubernetes.api.model.ConfigMap.class::isInstance)
                .map(io.fabric8.kubernetes.api.model.ConfigMap.class::cast)
                .filter(c -> c.getMetadata().getName().equals("storage-service-config")).findFirst().orElseThrow();
        assertEquals("http://seaweedfs.storage:8333", config.getData().get("PLATFORM_STORAGE_S3_ENDPOINT"));
        String egress = objects.stream().filter(o -> o.getKind().equals("NetworkPolicy")
                && o.getMetadata().getName().equals("storage-service")).findFirst().orElseThrow().toString();
        assertTrue(egress.contains("app.kubernetes.io/name=seaweedfs") && egress.contains("8333")
                && !egress.contains("minio"), () -> "egress to seaweedfs:8333 only: " + egress);
    }

    private static Map<String, String> platformConfig(List<HasMetadata> objects) {
        return objects.stream().filter(io.fabric8.kubernetes.api.model.ConfigMap.class::isInstance)
                .map(io.fabric8.kubernetes.api.model.ConfigMap.class::cast)
                .filter(c -> c.getMetadata().getName().equals("platform-config")).findFirst().orElseThrow().getData();
    }

    /** The chart and kubernetes/management grant exactly the same permissions. */
    @Test
    void chartRbacMatchesTheKustomizeTree() {
        Map<String, String> chart = rulesByService(template(null), "rpi-k8s-platform-");
        Map<String, String> kustomize = rulesByService(Renderer.render(""), "rpi-k8s-platform-");
        for (String service : List.of("deployment-service", "monitoring-service", "storage-service")) {
            assertEquals(kustomize.get(service), chart.get(service), "ClusterRole rules of " + service);
        }
        assertFalse(chart.containsKey("webhook-dispatcher"), "webhook-dispatcher must get no ClusterRole");
    }

    @Test
    void chartGivesStorageServiceTheSameRolePerManagedNamespace() {
        Map<String, String> chart = storageRoles(template(null));
        assertEquals(storageRoles(Renderer.render("")), chart);
        assertFalse(chart.isEmpty(), "storage-service needs a Role in each managed namespace");
    }

    private static Map<String, String> storageRoles(List<HasMetadata> objects) {
        return objects.stream().filter(io.fabric8.kubernetes.api.model.rbac.Role.class::isInstance)
                .map(io.fabric8.kubernetes.api.model.rbac.Role.class::cast)
                .filter(r -> r.getMetadata().getName().equals("rpi-k8s-platform-storage-service"))
                .collect(Collectors.toMap(r -> r.getMetadata().getNamespace(),
                        r -> r.getRules().stream().map(rule -> rule.getApiGroups() + rule.getResources().toString()
                                + rule.getVerbs()).sorted().collect(Collectors.joining("\n"))));
    }

    private static Map<String, String> rulesByService(List<HasMetadata> objects, String prefix) {
        return objects.stream().filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast)
                .filter(r -> r.getMetadata().getName().startsWith(prefix))
                .collect(Collectors.toMap(r -> r.getMetadata().getName().substring(prefix.length()),
                        r -> r.getRules().stream().map(rule -> rule.getApiGroups() + rule.getResources().toString()
                                + rule.getVerbs()).sorted().collect(Collectors.joining("\n"))));
    }
}
