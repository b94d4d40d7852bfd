package io.rpik8s.dev.embedded.prometheus;

import io.rpik8s.dev.embedded.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian's real {@code prometheus} as a child process on loopback, with a generated config: the given scrape jobs,
 * rule files and Alertmanager, one scrape and evaluation interval, a throw-away TSDB.
 */
public final class PrometheusProcess extends ChildProcess {

    /** The binary; override with {@code -Dplatform.prometheus.binary}. */
    public static final Path BINARY = Paths.get(System.getProperty("platform.prometheus.binary", "/usr/bin/prometheus"));

    /**
     * One scrape job.
     *
     * @param name        job name ({@code job} label)
     * @param metricsPath path of the metrics, e.g. {@code /metrics} or {@code /q/metrics}
     * @param targets     host:port of each target
     */
    public record ScrapeJob(String name, String metricsPath, List<String> targets) {
    }

    private PrometheusProcess(List<String> command, int port, Path dir, boolean ownsDir) {
        super(command, port, dir, ownsDir, "prometheus");
    }

    public static boolean installed() {
        return installed(BINARY);
    }

    /** Scrapes {@code targets} (host:port, {@code /metrics}, job name = target index) every second. */
    public static PrometheusProcess start(List<String> targets) {
        List<ScrapeJob> jobs = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            jobs.add(new ScrapeJob("target" + i, "/metrics", List.of(targets.get(i))));
        }
        return start(jobs, Map.of(), null, Duration.ofSeconds(1), FreePorts.next(), null);
    }

    /**
     * Starts Prometheus and waits until it is ready.
     *
     * @param rules        rule files by file name → content
     * @param alertmanager host:port of an Alertmanager, or null
     * @param interval     scrape and evaluation interval (also how often firing alerts are re-sent)
     * @param port         loopback port
     * @param dir          where config, data and log go; null for a temporary directory removed on close
     */
    public static PrometheusProcess start(List<ScrapeJob> jobs, Map<String, String> rules, String alertmanager,
            Duration interval, int port, Path dir) {
        try {
            boolean ownsDir = dir == null;
            Path home = ownsDir ? Files.createTempDirectory("prometheus") : Files.createDirectories(dir);
            String seconds = interval.toMillis() + "ms";
            StringBuilder config = new StringBuilder("global:\n  scrape_interval: " + seconds
                    + "\n  evaluation_interval: " + seconds + "\n");
            if (!rules.isEmpty()) {
                Path ruleDir = Files.createDirectories(home.resolve("rules"));
                config.append("rule_files:\n  - ").append(ruleDir.resolve("*.yml")).append('\n');
                for (Map.Entry<String, String> file : rules.entrySet()) {
                    Files.writeString(ruleDir.resolve(file.getKey()), file.getValue());
                }
            }
            if (alertmanager != null) {
                config.append("alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['")
                        .append(alertmanager).append("']\n");
            }
            config.append("scrape_configs:\n");
            for (ScrapeJob job : jobs) {
                config.append("  - job_name: ").append(job.name()).append('\n')
                        .append("    metrics_path: ").append(job.metricsPath()).append('\n')
                        .append("    static_configs:\n      - targets: [");
                config.append(String.join(", ", job.targets().stream().map(t -> "'" + t + "'").toList()));
                config.append("]\n");
            }
            Path file = home.resolve("prometheus.yml");
            Files.writeString(file, config);
            return new PrometheusProcess(List.of(BINARY.toString(), "--config.file=" + file,
                    "--storage.tsdb.path=" + home.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                    "--storage.tsdb.retention.time=1d", "--web.enable-lifecycle",
                    // Firing alerts are re-sent to Alertmanager at this pace (default 1m).
                    "--rules.alert.resend-delay=" + seconds), port, home, ownsDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
