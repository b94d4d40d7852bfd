package io.rpik8s.manifests;

import com.marcnuri.helm.Helm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a user applies, rendered both ways, passes the Kubernetes 1.31 API types (ApiSchema). */
class ApiSchemaTest {

    @ParameterizedTest(name = "kubectl kustomize kubernetes/{0}")
    @ValueSource(strings = {"", "overlays/cluster", "overlays/single-node", "overlays/cluster-seaweedfs"})
    void kustomizeOutputPassesTheApiTypes(String kustomization) {
        List<String> violations = ApiSchema.check(Renderer.renderYaml(kustomization));
        assertTrue(violations.isEmpty(), () -> "kubernetes/" + kustomization + ":\n  " + String.join("\n  ", violations));
    }

    @ParameterizedTest(name = "helm template -f {0}")
    @ValueSource(strings = {"values.yaml", "values-single-node.yaml"})
    void helmTemplateOutputPassesTheApiTypes(String values) {
        String yaml = new Helm(HelmChartTest.CHART).template().withName("rpi-k8s-platform")
                .withNamespace("platform-system").withValuesFile(HelmChartTest.CHART.resolve(values)).call();
        List<String> violations = ApiSchema.check(yaml);
        assertTrue(violations.isEmpty(), () -> values + ":\n  " + String.join("\n  ", violations));
    }

    @Test
    void unknownFieldsWrongTypesRemovedVersionsAndUnknownKindsAreCaught() {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: apps}
                spec:
                  replica: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                        - name: web
                          image: nginx:1.27
                          resource: {limits: {memory: 64Mi}}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: apps}
                spec:
                  ports: {port: 80}
                ---
                apiVersion: batch/v1beta1
                kind: CronJob
                metadata: {name: nightly, namespace: apps}
                spec: {schedule: "0 0 * * *"}
                ---
                apiVersion: rpi-k8s.io/v1alpha1
                kind: PlatformApp
                metadata: {name: undeclared, namespace: apps}
                """;
        assertEquals(List.of(
                "document 2: Cannot deserialize value of type `java.util.ArrayList<io.fabric8.kubernetes.api.model"
                        + ".ServicePort>` from Object value (token `JsonToken.START_OBJECT`)",
                "Deployment apps/web.spec: unknown field \"replica\"",
                "Deployment apps/web.spec.template.spec.containers[0]: unknown field \"resource\"",
                "CronJob apps/nightly: apiVersion batch/v1beta1 is not served by Kubernetes 1.31",
                "PlatformApp apps/undeclared: rpi-k8s.io/v1alpha1 PlatformApp is no Kubernetes API type and no CRD of "
                        + "these manifests defines it"), ApiSchema.check(yaml));
    }
}
