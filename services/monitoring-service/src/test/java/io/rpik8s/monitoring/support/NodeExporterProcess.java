package io.rpik8s.monitoring.support;

import io.rpik8s.dev.embedded.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Debian's real {@code prometheus-node-exporter} on a free loopback port, a few cheap collectors only. */
public final class NodeExporterProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private NodeExporterProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static NodeExporterProcess start() {
        int port = FreePorts.next();
        try {
            Process p = new ProcessBuilder("/usr/bin/prometheus-node-exporter", "--web.listen-address=127.0.0.1:" + port,
                    "--collector.disable-defaults", "--collector.thermal_zone", "--collector.hwmon",
                    "--collector.loadavg", "--collector.meminfo").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new NodeExporterProcess(p, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
