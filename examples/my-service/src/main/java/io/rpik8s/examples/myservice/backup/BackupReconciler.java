package io.rpik8s.examples.myservice.backup;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.rpik8s.examples.myservice.config.MyServiceConfig;
import java.util.List;

/**
 * Keeps each Backup's CronJob as the spec says and reports it in the {@code Ready} condition. It watches the CronJobs
 * it owns too, so one changed or deleted behind its back is put back at once.
 */
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

    @Override
    public List<EventSource<?, Backup>> prepareEventSources(EventSourceContext<Backup> context) {
        var cronJobs = InformerEventSourceConfiguration.from(CronJob.class, Backup.class)
                .withLabelSelector(BackupCronJob.LABEL)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(Backup.class)).build();
        return List.of(new InformerEventSource<>(cronJobs, context));
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
            CronJob desired = BackupCronJob.desired(backup, config);
            CronJob current = context.getSecondaryResource(CronJob.class).orElse(null);
            if (current == null || !desired.getSpec().equals(current.getSpec())) {
                client.resource(desired).createOr(op -> op.update());
            }
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
