package io.rpik8s.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerting path as deployed: the rendered rules pass {@code promtool check rules} and their unit tests
 * ({@code promtool test rules}), the rendered Alertmanager config passes {@code amtool check-config}, and Prometheus,
 * Alertmanager and monitoring-service point at each other. The tools come from Debian's {@code prometheus} and
 * {@code prometheus-alertmanager} packages, which {@code .ci/run} installs.
 */
class AlertingConfigTest {

    private static final List<HasMetadata> ROOT = Renderer.render("");
    private static final Path PROMTOOL = Paths.get(System.getProperty("promtool.path", "/usr/bin/promtool"));
    private static final Path AMTOOL = Paths.get(System.getProperty("amtool.path", "/usr/bin/amtool"));

    @TempDir
    Path dir;

    @Test
    void renderedRulesPassPromtoolCheckAndTheirUnitTests() throws Exception {
        assumeTrue(Files.isExecutable(PROMTOOL),
                PROMTOOL + " not installed (apt-get install prometheus; .ci/run does): rules not checked");
        Map<String, String> rules = configMap("monitoring", "prometheus-rules").getData();
        assertEquals(List.of("nodes.yml", "platform.yml", "pods.yml", "raspberry-pi.yml"),
                rules.keySet().stream().sorted().toList());
        List<String> command = new ArrayList<>(List.of(PROMTOOL.toString(), "check", "rules"));
        for (Map.Entry<String, String> file : rules.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.writeString(path, file.getValue());
            command.add(path.toString());
        }
        run(command);

        // The unit tests refer to the rule files next to them, as they are in the source tree.
        Path tests = Renderer.sourceRoot().resolve("base-services/prometheus/rules-tests/rules.test.yml");
        run(List.of(PROMTOOL.toString(), "test", "rules", tests.toString()));
    }

    @Test
    void renderedAlertmanagerConfigPassesAmtool() throws Exception {
        assumeTrue(Files.isExecutable(AMTOOL),
                AMTOOL + " not installed (apt-get install prometheus-alertmanager; .ci/run does): config not checked");
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, alertmanagerConfig());
        run(List.of(AMTOOL.toString(), "check-config", config.toString()));
    }

    /** Prometheus sends to the Alertmanager Service; Alertmanager posts to monitoring-service with the shared token. */
    @Test
    void prometheusAlertmanagerAndMonitoringServicePointAtEachOther() throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        JsonNode prometheus = yaml.readTree(configMap("monitoring", "prometheus-config").getData().get("prometheus.yml"));
        String target = prometheus.at("/alerting/alertmanagers/0/static_configs/0/targets/0").asText();
        assertEquals("alertmanager.monitoring:" + port("monitoring", "alertmanager"), target);

        JsonNode receivers = yaml.readTree(alertmanagerConfig()).get("receivers");
        JsonNode webhook = receivers.get(0).at("/webhook_configs/0");
        assertEquals("http://monitoring-service.platform-system:" + port("platform-system", "monitoring-service")
                + "/api/v1/alerts/alertmanager", webhook.get("url").asText());
        assertTrue(webhook.get("send_resolved").asBoolean(), "resolutions must reach monitoring-service");
        assertEquals("Bearer", webhook.at("/http_config/authorization/type").asText());

        String mounted = secret("monitoring", "alertmanager-webhook").getData().get("token");
        String held = secret("platform-system", "alertmanager-webhook").getData().get("token");
        assertFalse(mounted == null || mounted.isEmpty(), "the Alertmanager side has no token");
        assertEquals(mounted, held, "Alertmanager and monitoring-service must hold the same token");
        assertEquals("alertmanager", configMap("platform-system", "monitoring-service-config").getData()
                .get("PLATFORM_MONITORING_ALERTS_SOURCE"));
    }

    private static String alertmanagerConfig() {
        return ROOT.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(c -> c.getMetadata().getName().startsWith("alertmanager-config"))
                .map(c -> c.getData().get("alertmanager.yml")).findFirst()
                .orElseThrow(() -> new AssertionError("no alertmanager-config ConfigMap rendered"));
    }

    private static ConfigMap configMap(String namespace, String name) {
        return find(ConfigMap.class, namespace, name);
    }

    private static Secret secret(String namespace, String name) {
        return find(Secret.class, namespace, name);
    }

    private static int port(String namespace, String service) {
        return find(Service.class, namespace, service).getSpec().getPorts().get(0).getPort();
    }

    private static <T extends HasMetadata> T find(Class<T> type, String namespace, String name) {
        return ROOT.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> name.equals(o.getMetadata().getName()) && namespace.equals(o.getMetadata().getNamespace()))
                .findFirst().orElseThrow(() -> new AssertionError(type.getSimpleName() + " " + namespace + "/" + name
                        + " not rendered"));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + output);
    }
}
