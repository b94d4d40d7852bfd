package io.rpik8s.dev.embedded.prometheus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/**
 * Debian's real {@code prometheus-alertmanager} as a child process on loopback, routing every alert on its own
 * (group_by '...') to one webhook with a bearer token, as the shipped alertmanager.yml does, with short intervals.
 */
public final class AlertmanagerProcess extends ChildProcess {

    /** The binary; override with {@code -Dplatform.alertmanager.binary}. */
    public static final Path BINARY = Paths.get(System.getProperty("platform.alertmanager.binary",
            "/usr/bin/prometheus-alertmanager"));

    private AlertmanagerProcess(List<String> command, int port, Path dir, boolean ownsDir) {
        super(command, port, dir, ownsDir, "alertmanager");
    }

    public static boolean installed() {
        return installed(BINARY);
    }

    /**
     * Starts Alertmanager and waits until it is ready.
     *
     * @param webhookUrl where notifications go
     * @param token      the bearer token sent with them (written to a file only the owner reads)
     * @param interval   group wait and group interval: how soon a new or resolved alert is posted
     * @param port       loopback port
     * @param dir        where config, data and log go; null for a temporary directory removed on close
     */
    public static AlertmanagerProcess start(String webhookUrl, String token, Duration interval, int port, Path dir) {
        try {
            boolean ownsDir = dir == null;
            Path home = ownsDir ? Files.createTempDirectory("alertmanager") : Files.createDirectories(dir);
            Path tokenFile = home.resolve("webhook-token");
            Files.deleteIfExists(tokenFile);
            Files.createFile(tokenFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tokenFile, token);
            String wait = interval.toMillis() + "ms";
            Path config = home.resolve("alertmanager.yml");
            Files.writeString(config, """
                    route:
                      receiver: monitoring-service
                      group_by: ['...']
                      group_wait: %s
                      group_interval: %s
                      repeat_interval: 1h
                    receivers:
                      - name: monitoring-service
                        webhook_configs:
                          - url: '%s'
                            send_resolved: true
                            http_config:
                              authorization:
                                type: Bearer
                                credentials_file: '%s'
                    """.formatted(wait, wait, webhookUrl, tokenFile));
            return new AlertmanagerProcess(List.of(BINARY.toString(), "--config.file=" + config,
                    "--storage.path=" + home.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                    "--cluster.listen-address="), port, home, ownsDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
