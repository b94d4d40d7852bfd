package io.rpik8s.examples.myservice.backup;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

// tag::metrics[]
/** my-service's own meters, at /q/metrics as backups_requested_total and backups_reconcile_seconds. */
@ApplicationScoped
public class BackupMetrics {

    private final MeterRegistry registry;

    public BackupMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** outcome: created, invalid, conflict. */
    void requested(String outcome) {
        Counter.builder("backups.requested").description("Backup requests by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    /** How long one reconciliation took; result: scheduled or failed. */
    Timer.Sample startReconcile() {
        return Timer.start(registry);
    }

    void reconciled(Timer.Sample sample, String result) {
        sample.stop(Timer.builder("backups.reconcile").description("Backup reconciliations")
                .tag("result", result).publishPercentileHistogram().register(registry));
    }
}
// end::metrics[]
