package io.rpik8s.monitoring.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.rpik8s.dev.embedded.FreePorts;
import io.rpik8s.dev.embedded.prometheus.AlertmanagerProcess;
import io.rpik8s.dev.embedded.prometheus.PrometheusProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The production alerting path on loopback: a fake Pi exporter the tests drive, Debian's real Prometheus evaluating
 * the shipped rule files (hold durations cut to one second) and Debian's real Alertmanager posting to this test's
 * monitoring-service with a bearer token.
 */
public class AlertmanagerTestResource implements QuarkusTestResourceLifecycleManager {

    private static FakePiExporter exporter;
    private static PrometheusProcess prometheus;
    private static AlertmanagerProcess alertmanager;
    private static String token;

    public static FakePiExporter exporter() {
        return exporter;
    }

    public static String token() {
        return token;
    }

    @Override
    public Map<String, String> start() {
        for (Path binary : List.of(PrometheusProcess.BINARY, AlertmanagerProcess.BINARY)) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " is missing: apt-get install prometheus "
                        + "prometheus-alertmanager (.ci/run does)");
            }
        }
        int appPort = FreePorts.next();
        token = UUID.randomUUID().toString();
        exporter = new FakePiExporter();
        Duration fast = Duration.ofSeconds(1);
        alertmanager = AlertmanagerProcess.start("http://127.0.0.1:" + appPort + "/api/v1/alerts/alertmanager",
                token, fast, FreePorts.next(), null);
        prometheus = PrometheusProcess.start(
                List.of(new PrometheusProcess.ScrapeJob("rpi", "/metrics", List.of(exporter.address()))),
                ShippedRules.withHoldFor(fast), "127.0.0.1:" + alertmanager.port(), fast, FreePorts.next(), null);
        return Map.of("quarkus.http.test-port", String.valueOf(appPort),
                "platform.monitoring.prometheus.url", prometheus.url(),
                "platform.monitoring.alerts.source", "alertmanager",
                "platform.monitoring.alertmanager.webhook-token", token);
    }

    @Override
    public void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (alertmanager != null) {
            alertmanager.close();
        }
        if (exporter != null) {
            exporter.close();
        }
    }
}
