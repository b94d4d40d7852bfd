package io.rpik8s.examples.myservice.backup;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.rpik8s.examples.myservice.config.MyServiceConfig;

/** Keeps each Backup's CronJob as the spec says and reports it in the {@code Ready} condition. */
@ControllerConfiguration(name = "backup", generationAwareEventProcessing = true)
public class BackupReconciler implements Reconciler<Backup> {

    private final KubernetesClient client;
    private final MyServiceConfig config;
    private final BackupMetrics metrics;
    private final Tracer tracer;

    public BackupReconciler(KubernetesClient client, MyServiceConfig config, BackupMetrics metrics, Tracer tracer) {
        this.client = client;
        this.config = config;
        this.metrics = metrics;
        this.tracer = tracer;
    }

    // tag::reconcile[]
    @Override
    public UpdateControl<Backup> reconcile(Backup backup, Context<Backup> context) {
        BackupStatus status = backup.getStatus() == null ? new BackupStatus() : backup.getStatus();
        backup.setStatus(status);
        status.setObservedGeneration(backup.getMetadata().getGeneration());
        var timer = metrics.startReconcile();
        // A manual span: the operator's threads carry no request span, so this one starts the trace.
        Span span = tracer.spanBuilder("BackupReconciler.reconcile")
                .setAttribute("backup.namespace", backup.getMetadata().getNamespace())
                .setAttribute("backup.name", backup.getMetadata().getName()).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            client.resource(BackupCronJob.desired(backup, config)).createOr(op -> op.update());
            status.setCondition("Ready", true, "Scheduled", "runs " + backup.getSpec().getSchedule());
            metrics.reconciled(timer, "scheduled");
        } catch (KubernetesClientException e) {
            span.recordException(e).setStatus(StatusCode.ERROR);
            status.setCondition("Ready", false, "CronJobRejected", e.getStatus() == null ? e.getMessage()
                    : e.getStatus().getMessage());
            metrics.reconciled(timer, "failed");
        } finally {
            span.end();
        }
        return UpdateControl.patchStatus(backup);
    }
    // end::reconcile[]
}
