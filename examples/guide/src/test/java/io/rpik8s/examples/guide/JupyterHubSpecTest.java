package io.rpik8s.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The single-user notebook pods JupyterHub spawns get what examples/ml-notebook reads: the MLflow, S3, Dask and Ray
 * addresses of real Services, and the S3 keys from a Secret, never as literals. The hub's jupyterhub_config.py is run
 * with python3 in the environment its Deployment gives it, and the spawner settings it makes are inspected.
 */
class JupyterHubSpecTest {

    static final Path KUBERNETES = GuideSnippetsTest.ROOT.resolve("kubernetes");
    static final Pattern NOTEBOOK_ENV = Pattern.compile("os\\.environ\\[\"([A-Z_]+)\"]");

    @Test
    @SuppressWarnings("unchecked")
    void notebooksGetTheStacksAddressesAndTheS3KeysFromASecret() throws Exception {
        List<HasMetadata> hub = render("base-services/jupyterhub");
        Map<String, Object> spawner = runHubConfig(hub);
        Map<String, String> environment = (Map<String, String>) spawner.get("environment");

        assertThat(environment).containsEntry("MLFLOW_TRACKING_URI", "http://mlflow.ml-platform.svc.cluster.local:5000")
                .containsEntry("S3_ENDPOINT_URL", "http://minio.storage.svc.cluster.local:9000")
                .containsEntry("DASK_SCHEDULER_ADDRESS", "tcp://dask-scheduler.ml-platform.svc.cluster.local:8786")
                .containsEntry("RAY_ADDRESS", "ray://ray-head.ml-platform.svc.cluster.local:10001")
                .doesNotContainKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
        assertThat(spawner.get("extra_container_config").toString())
                .isEqualTo("{envFrom=[{secretRef={name=jupyter-s3-credentials}}]}");
        assertThat(secretKeys("ml-platform", "jupyter-s3-credentials"))
                .containsExactlyInAnyOrder("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");

        Set<String> provided = new TreeSet<>(environment.keySet());
        provided.addAll(secretKeys("ml-platform", "jupyter-s3-credentials"));
        String notebook = Files.readString(GuideSnippetsTest.ROOT.resolve("examples/ml-notebook/platform_notebook.py"));
        assertThat(NOTEBOOK_ENV.matcher(notebook).results().map(m -> m.group(1)).toList())
                .isNotEmpty().allSatisfy(name -> assertThat(provided).contains(name));
    }

    @Test
    void eachAddressIsAServiceOfTheStack() {
        assertThat(servicePorts("base-services/mlflow", "mlflow")).contains(5000);
        assertThat(servicePorts("base-services/minio", "minio")).contains(9000);
        assertThat(servicePorts("base-services/dask", "dask-scheduler")).contains(8786);
        assertThat(servicePorts("base-services/ray", "ray-head")).contains(10001);
    }

    /** Runs jupyterhub_config.py on a stand-in for traitlets' config object; answers c.KubeSpawner's settings. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> runHubConfig(List<HasMetadata> objects) throws Exception {
        ConfigMap config = objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(c -> c.getMetadata().getName().equals("jupyterhub-config")).findFirst().orElseThrow();
        Deployment deployment = objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .filter(d -> d.getMetadata().getName().equals("jupyterhub")).findFirst().orElseThrow();
        Map<String, String> env = new HashMap<>(config.getData());
        for (EnvVar var : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
            env.put(var.getName(), var.getValue() != null ? var.getValue() : "from-secret");
        }
        String stub = """
                import json, os, sys
                class Section(dict):
                    def __getattr__(self, name):
                        return self.setdefault(name, Section())
                    def __setattr__(self, name, value):
                        self[name] = value
                c = Section()
                exec(open(sys.argv[1]).read(), {"c": c})
                print(json.dumps(c.KubeSpawner, default=str))
                """;
        Path work = Files.createTempDirectory("jupyterhub-config");
        Files.writeString(work.resolve("jupyterhub_config.py"), config.getData().get("jupyterhub_config.py"));
        Files.writeString(work.resolve("stub.py"), stub);
        ProcessBuilder python = new ProcessBuilder("python3", "stub.py", "jupyterhub_config.py").directory(work.toFile());
        python.environment().clear();
        python.environment().put("PATH", System.getenv("PATH"));
        python.environment().putAll(env);
        return new ObjectMapper().readValue(run(python), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> secretKeys(String namespace, String name) throws Exception {
        Map<String, Object> kustomization = new YAMLMapper().readValue(
                KUBERNETES.resolve("secrets/kustomization.yaml").toFile(), Map.class);
        Set<String> keys = new TreeSet<>();
        for (Map<String, Object> secret : (List<Map<String, Object>>) kustomization.get("secretGenerator")) {
            if (name.equals(secret.get("name")) && namespace.equals(secret.get("namespace"))) {
                for (String key : (List<String>) secret.getOrDefault("files", List.of())) {
                    keys.add(key.substring(0, key.indexOf('=')));
                }
            }
        }
        return keys;
    }

    private static List<Integer> servicePorts(String component, String service) {
        return render(component).stream().filter(Service.class::isInstance).map(Service.class::cast)
                .filter(s -> s.getMetadata().getName().equals(service))
                .flatMap(s -> s.getSpec().getPorts().stream()).map(p -> p.getPort()).toList();
    }

    static List<HasMetadata> render(String component) {
        String yaml = run(new ProcessBuilder(System.getProperty("kubectl.path", "/usr/bin/kubectl"), "kustomize",
                KUBERNETES.resolve(component).toString()));
        return java.util.Arrays.stream(yaml.split("(?m)^---\\s*$")).filter(d -> !d.isBlank())
                .map(d -> (HasMetadata) Serialization.unmarshal(d)).toList();
    }

    private static String run(ProcessBuilder command) {
        try {
            Process process = command.redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(command.command() + " failed");
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(command.command() + " could not run", e);
        }
    }
}
