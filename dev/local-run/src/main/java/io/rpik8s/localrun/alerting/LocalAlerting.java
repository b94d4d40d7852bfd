package io.rpik8s.localrun.alerting;

import io.rpik8s.dev.prometheus.SimulatedExporter;
import io.rpik8s.dev.prometheus.SimulatedSeries;
import io.rpik8s.localrun.Ports;
import io.rpik8s.dev.embedded.prometheus.AlertmanagerProcess;
import io.rpik8s.dev.embedded.prometheus.PrometheusProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The production alerting path in the local run, when Debian's {@code prometheus} and {@code prometheus-alertmanager}
 * are installed: the real Prometheus scrapes the simulated exporter and the services' {@code /q/metrics} and
 * evaluates the shipped rule files; the real Alertmanager posts to monitoring-service with a generated token.
 * Planned before the services start (they need its URL and token), started once their ports are known.
 */
public final class LocalAlerting implements AutoCloseable {

    private final Path home;
    private final Path rulesDir;
    private final SimulatedSeries series;
    private final int prometheusPort = Ports.preferred(9090);
    private final int alertmanagerPort = Ports.preferred(9093);
    private final String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
    private SimulatedExporter exporter;
    private AlertmanagerProcess alertmanager;
    private PrometheusProcess prometheus;

    private LocalAlerting(Path home, Path rulesDir, SimulatedSeries series) {
        this.home = home;
        this.rulesDir = rulesDir;
        this.series = series;
    }

    /** The plan when both binaries are installed and the rule files are there; else empty (use the stand-in). */
    public static Optional<LocalAlerting> ifInstalled(Path repositoryRoot, Path localDir,
            SimulatedSeries series) {
        Path rules = repositoryRoot.resolve("kubernetes/base-services/prometheus/rules");
        if (!PrometheusProcess.installed() || !AlertmanagerProcess.installed() || !Files.isDirectory(rules)) {
            return Optional.empty();
        }
        return Optional.of(new LocalAlerting(localDir, rules, series));
    }

    public String prometheusUrl() {
        return "http://127.0.0.1:" + prometheusPort;
    }

    public String alertmanagerUrl() {
        return "http://127.0.0.1:" + alertmanagerPort;
    }

    /** What monitoring-service needs to take its alerts from Alertmanager and its readings from Prometheus. */
    public Map<String, String> serviceEnv() {
        return Map.of("PLATFORM_MONITORING_PROMETHEUS_URL", prometheusUrl(),
                "PLATFORM_MONITORING_ALERTS_SOURCE", "alertmanager",
                "PLATFORM_MONITORING_ALERTMANAGER_WEBHOOK_TOKEN", token);
    }

    /** Starts the exporter, Alertmanager and Prometheus; {@code servicePorts} are the services' HTTP ports. */
    public void start(Map<String, Integer> servicePorts) throws IOException {
        exporter = new SimulatedExporter(series);
        String exporterAddress = exporter.start();
        Integer monitoring = servicePorts.getOrDefault("monitoring-service", 8082);
        alertmanager = AlertmanagerProcess.start("http://127.0.0.1:" + monitoring + "/api/v1/alerts/alertmanager",
                token, Duration.ofSeconds(10), alertmanagerPort, home.resolve("alertmanager"));
        List<PrometheusProcess.ScrapeJob> jobs = new ArrayList<>();
        jobs.add(new PrometheusProcess.ScrapeJob("simulated-pi", "/metrics", List.of(exporterAddress)));
        servicePorts.forEach((name, port) -> jobs.add(
                new PrometheusProcess.ScrapeJob(name, "/q/metrics", List.of("127.0.0.1:" + port))));
        prometheus = PrometheusProcess.start(jobs, ruleFiles(), "127.0.0.1:" + alertmanagerPort,
                Duration.ofSeconds(15), prometheusPort, home.resolve("prometheus"));
    }

    private Map<String, String> ruleFiles() {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(rulesDir)) {
            for (Path p : list.filter(p -> p.toString().endsWith(".yml")).toList()) {
                files.put(p.getFileName().toString(), Files.readString(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    @Override
    public void close() {
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
