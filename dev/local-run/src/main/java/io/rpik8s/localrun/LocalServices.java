package io.rpik8s.localrun;

import io.rpik8s.localrun.services.JvmSettings;
import io.rpik8s.localrun.services.PlatformService;
import io.rpik8s.localrun.services.ServiceProcess;
import io.rpik8s.localrun.services.ServiceProgram;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's services as the local run starts them: each packaged service in a JVM of its own with the pods'
 * JVM flags, on its conventional port when free, stopped first when the local run stops.
 */
final class LocalServices {

    private static final Logger LOG = LoggerFactory.getLogger(LocalServices.class);

    private final LocalPaths paths;
    private final LocalRunOptions options;
    private final Shutdown shutdown;

    LocalServices(LocalPaths paths, LocalRunOptions options, Shutdown shutdown) {
        this.paths = paths;
        this.options = options;
        this.shutdown = shutdown;
    }

    /** Starts every service the options include, each with {@code common} and its own port; answers them. */
    List<ServiceProcess> start(Map<String, String> common) throws Exception {
        List<ServiceProcess> started = new CopyOnWriteArrayList<>();
        shutdown.then("services", () -> stopServices(started));
        String cgroup = System.getenv("LOCALRUN_CGROUP_ROOT");
        JvmSettings jvm = JvmSettings.read(paths.repositoryRoot(), cgroup == null || cgroup.isBlank() ? null : Path.of(cgroup));
        Path images = ServiceProgram.imagesDir();
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (PlatformService service : PlatformService.ALL) {
            ports.put(service.name(), Ports.isFree(service.port()) ? service.port() : Ports.free());
        }
        String refused = InfraEnvFile.refusedPorts(common, ports.values(), options.apiPort());
        for (PlatformService service : PlatformService.ALL) {
            if (!options.includes(service.name())) {
                continue;
            }
            Path dir = paths.serviceDir(service.name());
            ServiceProgram program = ServiceProgram.of(service.name(), dir, images);
            if (!program.exists()) {
                if (images != null) {
                    LOG.warn("{}: {} not found, so it is not started. Write it with "
                            + "'deploy/images/local-run-images {}'.", service.name(), program.source(), images);
                } else {
                    LOG.warn("{}: {} not found, so it is not started. Build it with "
                            + "'./mvnw -B -DskipTests install -pl services/{} -am' (./run-local.sh does this unless --no-build).",
                            service.name(), paths.repositoryRoot().relativize(program.source()), service.name());
                }
                continue;
            }
            int port = ports.get(service.name());
            if (port != service.port()) {
                LOG.warn("{}: port {} is taken, using {}", service.name(), service.port(), port);
            }
            Map<String, String> environment = new LinkedHashMap<>(common);
            environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            // Webhooks may go to local receivers, never to the platform's own services and infrastructure.
            environment.put("PLATFORM_WEBHOOKS_SSRF_REFUSED_LOOPBACK_PORTS", refused);
            started.stream().filter(s -> InfraEnvFile.PANEL_CLIENTS.containsKey(s.service().name())).forEach(s -> environment.put(
                    "QUARKUS_REST_CLIENT_" + InfraEnvFile.PANEL_CLIENTS.get(s.service().name()) + "_URL", "http://127.0.0.1:" + s.port()));
            ServiceProcess process = new ServiceProcess(service, port, paths.logs().resolve(service.name() + ".log"));
            process.start(dir, program, environment, jvm, JvmSettings.podMemoryLimitMi(paths.repositoryRoot(), service.name()));
            started.add(process);
            LOG.info("{} starting on port {} (log {})", service.name(), port, paths.localDir().relativize(process.logFile()));
        }
        return started;
    }

    /** Waits for every service at once, at most {@code timeout}; answers which became ready, logging the others. */
    static Map<String, Boolean> awaitReady(List<ServiceProcess> services, Duration timeout) throws InterruptedException {
        Map<String, Boolean> ready = new LinkedHashMap<>();
        if (services.isEmpty()) {
            return ready;
        }
        ExecutorService pool = Executors.newFixedThreadPool(services.size());
        try {
            Map<ServiceProcess, Future<Boolean>> waits = new LinkedHashMap<>();
            for (ServiceProcess s : services) {
                waits.put(s, pool.submit(() -> s.awaitReady(timeout)));
            }
            for (Map.Entry<ServiceProcess, Future<Boolean>> e : waits.entrySet()) {
                boolean ok;
                try {
                    ok = e.getValue().get();
                } catch (ExecutionException ex) {
                    ok = false;
                }
                ServiceProcess s = e.getKey();
                ready.put(s.service().name(), ok);
                if (ok) {
                    LOG.info("{} is ready", s.service().name());
                } else {
                    LOG.error("{} did not become ready within {} s{}; last lines of {}:", s.service().name(),
                            timeout.toSeconds(), s.isAlive() ? "" : " (process exited)", s.logFile());
                    s.tail(30).forEach(line -> System.out.println("    " + line));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return ready;
    }

    private static void stopServices(List<ServiceProcess> services) throws InterruptedException {
        services.forEach(ServiceProcess::requestStop);
        // Quarkus stops in a second or two. One deadline for all of them, not five seconds each one after the
        // other: a slow stop (a loaded machine) must leave the rest of the ten seconds of a Ctrl-C to the
        // infrastructure, which StopIT once saw starved (services took 9 s, the event log got 500 ms).
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (ServiceProcess s : services) {
            s.awaitStop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
    }
}
