package io.rpik8s.webhook.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Micrometer meters: deliveries by outcome, attempt latency histogram, queue lag, disabled endpoints. */
@ApplicationScoped
public class DeliveryMetrics {

    private final MeterRegistry registry;
    private final Timer latency;
    private final AtomicLong lagMillis = new AtomicLong();
    private final AtomicLong disabled = new AtomicLong();

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("webhook.attempt.duration").description("Latency of delivery attempts")
                .publishPercentileHistogram().register(registry);
        // Strong references: registry.gauge(...) holds its state weakly, and a collected gauge vanishes from /q/metrics.
        Gauge.builder("webhook.queue.lag.seconds", lagMillis, v -> v.get() / 1000.0)
                .description("Age of the oldest due delivery").strongReference(true).register(registry);
        Gauge.builder("webhook.endpoints.disabled", disabled, AtomicLong::get)
                .description("Disabled endpoints").strongReference(true).register(registry);
    }

    /** Counts an attempt by outcome: succeeded, retrying, failed, blocked, gone. */
    public void attempt(String outcome, long latencyMs) {
        Counter.builder("webhook.deliveries").description("Delivery attempts by outcome").tag("outcome", outcome)
                .register(registry).increment();
        latency.record(Duration.ofMillis(latencyMs));
    }

    public void lag(double seconds) {
        lagMillis.set(Math.round(seconds * 1000));
    }

    public void disabledEndpoints(long count) {
        disabled.set(count);
    }
}
