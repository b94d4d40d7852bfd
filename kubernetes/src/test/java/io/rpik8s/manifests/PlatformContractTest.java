package io.rpik8s.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the services, notebooks and the monitoring-service expect from the installed platform. */
class PlatformContractTest {

    private static final List<HasMetadata> ROOT = Renderer.render("");

    private static <T extends HasMetadata> T find(Class<T> type, String namespace, String name) {
        return ROOT.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> name.equals(o.getMetadata().getName()))
                .filter(o -> namespace == null || namespace.equals(o.getMetadata().getNamespace()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(type.getSimpleName() + " " + namespace + "/" + name + " not rendered"));
    }

    @Test
    void theOriginalNamespacesExist() {
        Set<String> namespaces = ROOT.stream().filter(Namespace.class::isInstance)
                .map(o -> o.getMetadata().getName()).collect(Collectors.toSet());
        assertEquals(Set.of("ml-platform", "storage", "monitoring", "platform-system"), namespaces);
    }

    @ParameterizedTest(name = "{1}.{0}:{2}")
    @CsvSource({
            "ml-platform, mlflow, 5000", "ml-platform, dask-scheduler, 8786", "ml-platform, ray-head, 10001",
            "ml-platform, jupyterhub, 80", "storage, minio, 9000", "storage, postgresql, 5432",
            "monitoring, prometheus, 9090", "monitoring, grafana, 3000", "monitoring, otel-collector, 4317",
            "platform-system, kafka, 9092", "platform-system, deployment-service, 8081",
            "platform-system, monitoring-service, 8082", "platform-system, storage-service, 8083",
            "platform-system, webhook-dispatcher, 8084"})
    void serviceAddressesResolve(String namespace, String name, int port) {
        Service service = find(Service.class, namespace, name);
        assertTrue(service.getSpec().getPorts().stream().map(ServicePort::getPort).anyMatch(p -> p == port),
                () -> Manifests.id(service) + " does not expose port " + port);
    }

    @ParameterizedTest
    @CsvSource({"deployment-service, 8081", "monitoring-service, 8082", "storage-service, 8083", "webhook-dispatcher, 8084"})
    void managementServicesGetTheirConfiguration(String name, int port) {
        Deployment deployment = find(Deployment.class, "platform-system", name);
        var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("ghcr.io/rpi-k8s-platform/" + name + ":0.1.0", container.getImage());
        assertEquals(port, container.getPorts().get(0).getContainerPort());
        assertEquals(185L, deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser());
        assertEquals("/q/health/ready", container.getReadinessProbe().getHttpGet().getPath());
        assertEquals("/q/health/live", container.getLivenessProbe().getHttpGet().getPath());

        Map<String, String> env = environment(container.getEnvFrom(), container.getEnv());
        assertEquals("kafka.platform-system:9092", env.get("KAFKA_BOOTSTRAP_SERVERS"));
        assertEquals("postgresql://postgresql.storage:5432/platform", env.get("QUARKUS_DATASOURCE_REACTIVE_URL"));
        assertEquals("jdbc:postgresql://postgresql.storage:5432/platform", env.get("QUARKUS_DATASOURCE_JDBC_URL"));
        assertEquals("http://otel-collector.monitoring:4317", env.get("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT"));
        assertEquals("secret:platform-db/username", env.get("QUARKUS_DATASOURCE_USERNAME"));
        assertEquals("secret:platform-db/password", env.get("QUARKUS_DATASOURCE_PASSWORD"));
        assertEquals("secret:platform-auth/signing-key", env.get("PLATFORM_AUTH_SIGNING_KEY"));
        if (name.equals("storage-service")) {
            assertEquals("http://minio.storage:9000", env.get("PLATFORM_STORAGE_S3_ENDPOINT"));
            assertEquals("secret:minio-credentials/root-user", env.get("PLATFORM_STORAGE_S3_ACCESS_KEY"));
            assertEquals("secret:minio-credentials/root-password", env.get("PLATFORM_STORAGE_S3_SECRET_KEY"));
        }
        if (name.equals("monitoring-service")) {
            assertEquals("http://prometheus.monitoring:9090", env.get("PLATFORM_MONITORING_PROMETHEUS_URL"));
        }
    }

    /** Resolves envFrom ConfigMaps and env entries; Secret references become "secret:name/key". */
    private static Map<String, String> environment(List<io.fabric8.kubernetes.api.model.EnvFromSource> envFrom,
                                                   List<EnvVar> envVars) {
        Map<String, String> env = new HashMap<>();
        for (var source : envFrom) {
            if (source.getConfigMapRef() != null) {
                ConfigMap cm = find(ConfigMap.class, "platform-system", source.getConfigMapRef().getName());
                if (cm.getData() != null) {
                    env.putAll(cm.getData());
                }
            }
        }
        for (EnvVar var : envVars) {
            if (var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null) {
                var ref = var.getValueFrom().getSecretKeyRef();
                env.put(var.getName(), "secret:" + ref.getName() + "/" + ref.getKey());
            } else {
                env.put(var.getName(), var.getValue());
            }
        }
        return env;
    }

    @Test
    void secretsReferencedByTheServicesAreGenerated() {
        for (String[] secret : new String[][]{{"platform-system", "platform-db"}, {"platform-system", "platform-auth"},
                {"platform-system", "minio-credentials"}, {"storage", "minio-credentials"},
                {"storage", "postgresql-credentials"}, {"monitoring", "grafana-admin"},
                {"ml-platform", "jupyter-s3-credentials"}, {"ml-platform", "mlflow-credentials"}}) {
            var s = find(io.fabric8.kubernetes.api.model.Secret.class, secret[0], secret[1]);
            assertNotNull(s.getData(), Manifests.id(s) + " has no data");
        }
        var auth = find(io.fabric8.kubernetes.api.model.Secret.class, "platform-system", "platform-auth");
        assertTrue(auth.getData().containsKey("signing-key"), "platform-auth has no signing-key");
    }

    @Test
    void notebooksGetTheEnvironmentTheOriginalNotebooksExpect() {
        ConfigMap config = find(ConfigMap.class, "ml-platform", "jupyterhub-config");
        String py = config.getData().get("jupyterhub_config.py");
        for (String variable : List.of("MLFLOW_TRACKING_URI", "S3_ENDPOINT_URL", "DASK_SCHEDULER_ADDRESS", "RAY_ADDRESS")) {
            assertTrue(py.contains("\"" + variable + "\""), "single-user pods do not get " + variable);
        }
        assertTrue(py.contains("jupyter-s3-credentials"), "single-user pods do not get the S3 credentials Secret");
        assertEquals("http://mlflow.ml-platform.svc.cluster.local:5000", config.getData().get("MLFLOW_TRACKING_URI"));
        assertEquals("tcp://dask-scheduler.ml-platform.svc.cluster.local:8786", config.getData().get("DASK_SCHEDULER_ADDRESS"));
        assertEquals("ray://ray-head.ml-platform.svc.cluster.local:10001", config.getData().get("RAY_ADDRESS"));
    }

    /** KubeSpawner's image is configuration, not a container field: hold it to the same listing rule. */
    @Test
    void singleUserImageIsPinnedAndListed() throws Exception {
        String image = find(ConfigMap.class, "ml-platform", "jupyterhub-config").getData().get("SINGLEUSER_IMAGE");
        String imagesMd = java.nio.file.Files.readString(Renderer.sourceRoot().resolve("IMAGES.md"));
        assertTrue(image.matches(".+:[^/:]+$") && !image.endsWith(":latest"), "SINGLEUSER_IMAGE " + image + " is not pinned");
        assertTrue(imagesMd.contains("`" + image + "`"), "SINGLEUSER_IMAGE " + image + " is not listed in IMAGES.md");
    }

    @Test
    void deploymentServiceRbacIsExactlyWhatItCalls() {
        ClusterRole role = find(ClusterRole.class, null, "rpi-k8s-platform-deployment-service");
        assertGrants(role, "apps", "deployments", "get", "list", "watch", "create", "update", "patch", "delete");
        assertGrants(role, "apps", "deployments/scale", "get", "update", "patch");
        assertGrants(role, "apps", "replicasets", "get", "list", "watch");
        assertGrants(role, "apps", "statefulsets", "get", "list", "watch", "update", "patch");
        assertGrants(role, "batch", "cronjobs", "get", "list", "watch", "create", "update", "patch", "delete");
        assertGrants(role, "", "pods/log", "get");
        assertGrants(role, "", "namespaces", "get", "list", "create");
        assertGrants(role, "rpi-k8s.io", "platformapps/status", "get", "update", "patch");
        assertGrants(role, "rpi-k8s.io", "platformapps/finalizers", "update");
        assertGrants(role, "apiextensions.k8s.io", "customresourcedefinitions", "get", "list");
        assertFalse(grants(role, "", "secrets"), "deployment-service must not read Secrets");
    }

    @Test
    void otherServicesRbac() {
        ClusterRole monitoring = find(ClusterRole.class, null, "rpi-k8s-platform-monitoring-service");
        assertGrants(monitoring, "metrics.k8s.io", "nodes", "get", "list");
        assertGrants(monitoring, "", "nodes", "get", "list", "watch");
        // Read-only: its one create is a TokenReview (sidecars' tokens, ADR 0012), which the API server stores nowhere.
        assertGrants(monitoring, "authentication.k8s.io", "tokenreviews", "create");
        assertFalse(monitoring.getRules().stream()
                .filter(r -> !r.getApiGroups().equals(java.util.List.of("authentication.k8s.io"))
                        || !r.getResources().equals(java.util.List.of("tokenreviews")))
                .flatMap(r -> r.getVerbs().stream())
                .anyMatch(v -> Set.of("create", "update", "patch", "delete").contains(v)), "monitoring-service is read-only");
        ClusterRole storage = find(ClusterRole.class, null, "rpi-k8s-platform-storage-service");
        // Secrets only through the Role of each managed namespace (RenderedManifestsTest checks those).
        assertFalse(grants(storage, "", "secrets"), "storage-service must have no cluster-wide Secret rights");
        boolean dispatcherBound = ROOT.stream().anyMatch(o ->
                (o instanceof ClusterRoleBinding b && b.getSubjects().stream().anyMatch(s -> "webhook-dispatcher".equals(s.getName())))
                        || (o instanceof RoleBinding rb && rb.getSubjects().stream().anyMatch(s -> "webhook-dispatcher".equals(s.getName()))));
        assertFalse(dispatcherBound, "webhook-dispatcher must have no Role or ClusterRole binding");
    }

    private static boolean grants(ClusterRole role, String group, String resource) {
        return role.getRules().stream().anyMatch(r -> r.getApiGroups().contains(group) && r.getResources().contains(resource));
    }

    private static void assertGrants(ClusterRole role, String group, String resource, String... verbs) {
        Set<String> granted = role.getRules().stream()
                .filter(r -> r.getApiGroups().contains(group) && r.getResources().contains(resource))
                .map(PolicyRule::getVerbs).flatMap(List::stream).collect(Collectors.toSet());
        assertEquals(Set.of(verbs), granted, Manifests.id(role) + " verbs on " + group + "/" + resource);
    }

    @Test
    void platformAppCrd() {
        var crd = find(CustomResourceDefinition.class, null, "platformapps.rpi-k8s.io");
        assertEquals("PlatformApp", crd.getSpec().getNames().getKind());
        assertTrue(crd.getSpec().getNames().getShortNames().contains("papp"));
        var version = crd.getSpec().getVersions().stream().filter(v -> v.getName().equals("v1alpha1")).findFirst()
                .orElseThrow(() -> new AssertionError("CRD has no v1alpha1"));
        assertNotNull(version.getSubresources().getStatus(), "CRD has no status subresource");
        assertTrue(version.getAdditionalPrinterColumns().stream().anyMatch(c -> c.getName().equals("Ready")),
                "CRD has no Ready printer column");
    }

    @Test
    void kafkaTopicsAreDeclaredWithRetention() {
        ConfigMap config = find(ConfigMap.class, "platform-system", "kafka-config");
        Map<String, String> retention = config.getData().get("topics.txt").lines()
                .map(l -> l.trim().split("\\s+")).filter(f -> f.length == 3)
                .collect(Collectors.toMap(f -> f[0], f -> f[2]));
        assertEquals(Set.of("platform.deployments", "platform.alerts", "platform.storage"), retention.keySet());
        retention.forEach((topic, ms) -> assertTrue(Long.parseLong(ms) > 0, topic + " has no retention"));
        assertTrue(config.getData().get("server.properties").contains("process.roles=broker,controller"), "Kafka is not in KRaft mode");
    }

    /** The monitoring-service selects Pi temperature and throttling by the `node` label. */
    @Test
    void perNodeScrapeJobsLabelSeriesWithTheNodeName() throws Exception {
        ConfigMap config = find(ConfigMap.class, "monitoring", "prometheus-config");
        JsonNode prometheus = new YAMLMapper().readTree(config.getData().get("prometheus.yml"));
        Map<String, JsonNode> jobs = new HashMap<>();
        prometheus.get("scrape_configs").forEach(job -> jobs.put(job.get("job_name").asText(), job));
        for (String job : List.of("node-exporter", "rpi-throttle-exporter", "kubelet", "cadvisor", "management-services")) {
            JsonNode scrape = jobs.get(job);
            assertNotNull(scrape, "no scrape job " + job);
            boolean nodeLabel = false;
            for (JsonNode relabel : scrape.path("relabel_configs")) {
                String source = relabel.path("source_labels").toString();
                if ("node".equals(relabel.path("target_label").asText())
                        && (source.contains("__meta_kubernetes_pod_node_name") || source.contains("__meta_kubernetes_node_name"))) {
                    nodeLabel = true;
                }
            }
            assertTrue(nodeLabel, "scrape job " + job + " does not set the node label from the Kubernetes node name");
        }
        assertEquals("/q/metrics", jobs.get("management-services").get("metrics_path").asText());
        var nodeExporter = ROOT.stream().filter(o -> o.getMetadata().getName().equals("node-exporter")
                && o.getKind().equals("DaemonSet")).findFirst().orElseThrow();
        var args = Manifests.podTemplate(nodeExporter).orElseThrow().getSpec().getContainers().get(0).getArgs();
        assertTrue(args.contains("--collector.thermal_zone") && args.contains("--collector.hwmon"),
                "node-exporter must enable the thermal_zone and hwmon collectors");
        String rules = find(ConfigMap.class, "monitoring", "prometheus-rules").getData().get("raspberry-pi.yml");
        assertTrue(rules.contains("node_thermal_zone_temp") && rules.contains("rpi_throttled_status"),
                "no Pi temperature/throttling alerts");
    }
}
