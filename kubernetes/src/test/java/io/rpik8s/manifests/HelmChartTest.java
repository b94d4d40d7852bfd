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

    private static final Path CHART = Paths.get(System.getProperty("helm.chart.dir", "../deploy/helm/rpi-k8s-platform"))
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
