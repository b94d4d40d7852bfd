package io.rpik8s.manifests;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every CRD the platform ships (kustomize tree and Helm chart) passes the API server's CRD rules. */
class CrdRulesTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    static Stream<Path> shippedCrds() throws IOException {
        Path chartCrds = HelmChartTest.CHART.resolve("crds");
        try (Stream<Path> kustomize = Files.list(Renderer.sourceRoot().resolve("crds"));
             Stream<Path> chart = Files.list(chartCrds)) {
            List<Path> files = Stream.concat(kustomize, chart)
                    .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals("kustomization.yaml")).sorted().toList();
            assertFalse(files.isEmpty(), "no CRD found");
            return files.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedCrds")
    void shippedCrdPassesTheApiServerRules(Path file) {
        List<String> violations = CrdRules.check(read(file));
        assertTrue(violations.isEmpty(), () -> file + ":\n  " + String.join("\n  ", violations));
    }

    /** The chart carries the same CRD as kubernetes/crds (both copied there by the deployment-service build). */
    @Test
    void chartShipsTheGeneratedCrd() throws IOException {
        Path generated = Renderer.sourceRoot().resolve("crds/platformapps.rpi-k8s.io-v1.yml");
        assertEquals(Files.readString(generated),
                Files.readString(HelmChartTest.CHART.resolve("crds/platformapps.rpi-k8s.io-v1.yml")));
    }

    /** The CRD of issue 12, which a real API server rejected: the check must fail it. */
    @Test
    void scaleSubresourceWithoutStatusReplicasPathIsRejected() {
        List<String> violations = CrdRules.check(read(Path.of("src/test/resources/crd-fixtures/"
                + "platformapp-scale-without-status-path.yml")));
        assertEquals(List.of("CustomResourceDefinition platformapps.rpi-k8s.io: spec.versions[0].subresources.scale"
                + ".statusReplicasPath: Required value"), violations);
    }

    @Test
    void untypedNodesAndMisusedExtensionsAreRejected() {
        Map<String, Object> crd = crd("""
                type: object
                properties:
                  spec:
                    properties:
                      size: {x-kubernetes-int-or-string: true, type: string}
                      tags: {type: object, x-kubernetes-list-type: set}
                      ports:
                        type: array
                        x-kubernetes-list-type: map
                        x-kubernetes-list-map-keys: [port]
                        items: {type: object, properties: {port: {type: integer}}}
                      free: {type: object, x-kubernetes-preserve-unknown-fields: false}
                      either:
                        type: object
                        anyOf: [{type: string}]
                """, "", "");
        assertEquals(List.of(
                "CustomResourceDefinition widgets.example.io: spec.versions[0].schema.openAPIV3Schema.properties.spec"
                        + ".type must not be empty for structural schema",
                prefix() + ".properties.spec.properties.size.type must be empty with x-kubernetes-int-or-string",
                prefix() + ".properties.spec.properties.tags.x-kubernetes-list-type must only be used on arrays",
                prefix() + ".properties.spec.properties.ports.x-kubernetes-list-map-keys port must be required or have"
                        + " a default",
                prefix() + ".properties.spec.properties.free.x-kubernetes-preserve-unknown-fields must be true or "
                        + "undefined",
                prefix() + ".properties.spec.properties.either.anyOf[0].type must not be set inside a logical "
                        + "junctor"), CrdRules.check(crd));
    }

    @Test
    void scalePathsAndPrinterColumnsMustResolveInTheSchema() {
        Map<String, Object> crd = crd("""
                type: object
                properties:
                  spec: {type: object, properties: {replicas: {type: string}}}
                  status: {type: object, properties: {ready: {type: integer}}}
                """, """
                      scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas}
                """, """
                    additionalPrinterColumns:
                      - {name: Ready, type: string, jsonPath: '.status.conditions[?(@.type=="Ready")].status'}
                      - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
                      - {name: Age, type: duration, jsonPath: .status.ready}
                """);
        String version = "CustomResourceDefinition widgets.example.io: spec.versions[0]";
        assertEquals(List.of(
                version + ".subresources.scale.specReplicasPath .spec.replicas points to a string, not an integer",
                version + ".subresources.scale.statusReplicasPath .status.replicas does not point to a field of the "
                        + "schema",
                version + ".additionalPrinterColumns[0].jsonPath .status.conditions[?(@.type==\"Ready\")].status "
                        + "does not resolve in the schema: the column would always be empty",
                version + ".additionalPrinterColumns[2].name Age is a duplicate",
                version + ".additionalPrinterColumns[2].type duration must be one of "
                        + "[integer, number, string, boolean, date]"), CrdRules.check(crd));
    }

    @Test
    void namesVersionsAndStorageAreChecked() {
        Map<String, Object> crd = crd("type: object\n", "", "");
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) crd.get("spec");
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) crd.get("metadata");
        metadata.put("name", "widget.example.io");
        spec.put("group", "example");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> versions = (List<Map<String, Object>>) spec.get("versions");
        Map<String, Object> second = new java.util.LinkedHashMap<>(versions.get(0));
        second.put("name", "v1");
        versions.add(second);
        versions.get(0).put("name", "V1");
        List<String> violations = CrdRules.check(crd);
        String id = "CustomResourceDefinition widget.example.io: ";
        assertEquals(List.of(
                id + "metadata.name must be spec.names.plural + \".\" + spec.group (widgets.example)",
                id + "spec.group example must be a DNS subdomain with at least one dot",
                id + "spec.versions[0].name V1 must be a DNS-1035 label",
                id + "spec.versions must have exactly one version marked as storage version, has 2"), violations);
    }

    private static String prefix() {
        return "CustomResourceDefinition widgets.example.io: spec.versions[0].schema.openAPIV3Schema";
    }

    /** A minimal valid CRD with the given root schema, extra subresources and extra version fields. */
    private static Map<String, Object> crd(String schema, String subresources, String versionFields) {
        String yaml = """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.example.io}
                spec:
                  group: example.io
                  scope: Namespaced
                  names: {kind: Widget, plural: widgets, singular: widget}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    subresources:
                      status: {}
                """ + subresources + versionFields + """
                    schema:
                      openAPIV3Schema:
                """ + schema.indent(8);
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> parsed = YAML.readValue(yaml, Map.class);
            return parsed;
        } catch (IOException e) {
            throw new UncheckedIOException(yaml, e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path file) {
        try {
            return YAML.readValue(file.toFile(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
