package io.rpik8s.monitoring.support;

import io.rpik8s.testsupport.FreePorts;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * Debian's real {@code /usr/bin/prometheus} as a child process on a free loopback port, with a generated config that
 * scrapes the given targets every second and a throw-away storage directory.
 */
public final class PrometheusProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path dir;

    private PrometheusProcess(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** Starts Prometheus scraping {@code targets} (host:port, job name = index) and waits until it is ready. */
    public static PrometheusProcess start(List<String> targets) {
        try {
            Path dir = Files.createTempDirectory("prometheus-test");
            int port = FreePorts.next();
            StringBuilder config = new StringBuilder("""
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    scrape_configs:
                    """);
            for (int i = 0; i < targets.size(); i++) {
                config.append("  - job_name: target").append(i).append("\n")
                        .append("    static_configs:\n      - targets: ['").append(targets.get(i)).append("']\n");
            }
            Path file = dir.resolve("prometheus.yml");
            Files.writeString(file, config);
            Process process = new ProcessBuilder("/usr/bin/prometheus", "--config.file=" + file,
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                    "--storage.tsdb.retention.time=1h")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            PrometheusProcess prometheus = new PrometheusProcess(process, port, dir);
            HttpClient http = HttpClient.newHttpClient();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions().until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("Prometheus exited: "
                                    + Files.readString(dir.resolve("prometheus.log")));
                        }
                        return http.send(HttpRequest.newBuilder(URI.create(prometheus.url() + "/-/ready")).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    });
            return prometheus;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteRecursively(dir.toFile());
    }

    private static void deleteRecursively(File f) {
        File[] children = f.listFiles();
        if (children != null) {
            for (File c : children) {
                deleteRecursively(c);
            }
        }
        f.delete();
    }
}
