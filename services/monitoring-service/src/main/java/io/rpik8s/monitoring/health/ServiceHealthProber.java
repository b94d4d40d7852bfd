package io.rpik8s.monitoring.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.rpik8s.monitoring.config.MonitoringConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Probes every configured platform service on a schedule and keeps the latest result of each; publishes it as the
 * gauge {@code platform_service_up{target=...}} (1 up, 0 down, NaN before the first probe) for Prometheus'
 * PlatformServiceDown rule.
 */
@ApplicationScoped
public class ServiceHealthProber {

    private final MonitoringConfig.Services config;
    private final ServiceProbe probe;
    private final Map<String, ServiceHealth> latest = new ConcurrentHashMap<>();

    public ServiceHealthProber(MonitoringConfig config, ServiceProbe probe, MeterRegistry registry) {
        this.config = config.services();
        this.probe = probe;
        // "target", not "service": Prometheus' scrape job already labels every series with this service's name.
        this.config.targets().keySet().forEach(name -> Gauge.builder("platform.service.up", latest,
                        all -> all.containsKey(name) ? (all.get(name).up() ? 1 : 0) : Double.NaN)
                .description("1 if the platform service's last health probe succeeded, 0 if it failed")
                .tag("target", name).strongReference(true).register(registry));
    }

    /** The latest probe of each service, and the stack's services that have no target as not installed, by name. */
    public List<ServiceHealth> latest() {
        Map<String, ServiceHealth> all = new java.util.TreeMap<>(latest);
        config.stack().stream().filter(name -> !config.targets().containsKey(name))
                .forEach(name -> all.put(name, ServiceHealth.notInstalled(name)));
        return List.copyOf(all.values());
    }

    @Scheduled(every = "${platform.monitoring.services.probe-interval:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> probeAll() {
        return Multi.createFrom().iterable(config.targets().entrySet())
                .onItem().transformToUniAndMerge(e -> probeOne(e.getKey(), e.getValue()))
                .collect().asList().replaceWithVoid();
    }

    private Uni<Void> probeOne(String name, MonitoringConfig.Target target) {
        long start = System.nanoTime();
        return probe.probe(target.protocol(), target.address(), target.timeout())
                .map(ok -> (String) null)
                .onFailure().recoverWithItem(e -> e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()))
                .invoke(error -> {
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                    ServiceHealth before = latest.get(name);
                    long latency = (System.nanoTime() - start) / 1_000_000;
                    latest.put(name, new ServiceHealth(name, target.protocol(), target.address(), error == null,
                            latency, now, error != null ? error : before == null ? null : before.lastError(),
                            error != null ? now : before == null ? null : before.lastErrorAt(), true));
                }).replaceWithVoid();
    }
}
