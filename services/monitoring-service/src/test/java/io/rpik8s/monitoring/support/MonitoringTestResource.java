package io.rpik8s.monitoring.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.rpik8s.dev.embedded.EmbeddedPostgres;
import io.rpik8s.dev.embedded.FreePorts;
import io.rpik8s.dev.embedded.prometheus.PrometheusProcess;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Monitoring's own real dependencies under test: a fake Pi exporter the tests drive, the real node exporter, and a
 * real Prometheus scraping both; plus two probe targets, one live (the exporter's /healthz) and one on a closed port.
 */
public class MonitoringTestResource implements QuarkusTestResourceLifecycleManager {

    private static FakePiExporter exporter;
    private static NodeExporterProcess nodeExporter;
    private static PrometheusProcess prometheus;
    private static int closedPort;

    public static FakePiExporter exporter() {
        return exporter;
    }

    public static int closedPort() {
        return closedPort;
    }

    @Override
    public Map<String, String> start() {
        exporter = new FakePiExporter();
        nodeExporter = NodeExporterProcess.start();
        prometheus = PrometheusProcess.start(List.of(exporter.address(), nodeExporter.address()));
        closedPort = FreePorts.next();
        Map<String, String> config = new HashMap<>();
        config.put("platform.monitoring.prometheus.url", prometheus.url());
        config.put("platform.monitoring.services.targets.live-http.address",
                "http://" + exporter.address() + "/healthz");
        config.put("platform.monitoring.services.targets.closed-tcp.protocol", "tcp");
        config.put("platform.monitoring.services.targets.closed-tcp.address", "127.0.0.1:" + closedPort);
        config.put("platform.monitoring.services.targets.closed-tcp.timeout", "1s");
        String pg = EmbeddedPostgres.shared().adminUrl().replaceFirst("^jdbc:postgresql://", "").replaceFirst("/.*$", "");
        config.put("platform.monitoring.services.targets.live-postgres.protocol", "postgres");
        config.put("platform.monitoring.services.targets.live-postgres.address", pg);
        return config;
    }

    @Override
    public void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (nodeExporter != null) {
            nodeExporter.close();
        }
        if (exporter != null) {
            exporter.close();
        }
    }
}
