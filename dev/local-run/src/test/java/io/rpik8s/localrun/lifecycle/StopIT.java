package io.rpik8s.localrun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT) and SIGTERM stop the whole local run: the launcher exits, every process it started is gone and
 * nothing listens on its ports any more (the embedded Kafka broker used to hang the stop for minutes).
 */
class StopIT {

    @TempDir
    Path local;

    @Test
    void sigtermStopsTheServicesAndTheInfrastructure() throws Exception {
        try (LauncherProcess run = LauncherProcess.start(local)) {
            run.awaitBanner();
            Set<Integer> ports = run.announcedPorts();
            List<ProcessHandle> children = run.children();
            assertThat(children).as("the services run as child JVMs").isNotEmpty();
            assertThat(ports).as("the banner names Kafka, PostgreSQL, S3, the API, Prometheus and five services")
                    .hasSizeGreaterThanOrEqualTo(10);

            run.terminate();

            run.awaitExit();
            assertStopped(run, ports, children);
        }
    }

    @Test
    void ctrlCStopsTheInfrastructureOfAnInfraOnlyRun() throws Exception {
        try (LauncherProcess run = LauncherProcess.start(local, "--infra-only")) {
            run.awaitBanner();
            Set<Integer> ports = run.announcedPorts();
            assertThat(ports).as("Kafka, PostgreSQL, S3, the Kubernetes API, Prometheus").hasSizeGreaterThanOrEqualTo(5);

            run.interrupt();

            run.awaitExit();
            assertStopped(run, ports, run.children());
        }
    }

    private static void assertStopped(LauncherProcess run, Set<Integer> ports, List<ProcessHandle> children) {
        assertThat(run.output()).as("the launcher's console").contains("Everything stopped.")
                .doesNotContain("did not stop within");
        // The JVMs it started are reaped by now or about to be: wait on that, not on a guessed time.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(children)
                .as("processes the launcher started").noneMatch(ProcessHandle::isAlive));
        assertThat(ports).as("ports still listening after the stop").noneMatch(LauncherProcess::listening);
    }
}
