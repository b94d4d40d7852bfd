package io.rpik8s.examples.myservice.backup;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.examples.myservice.backup.BackupDtos.BackupView;
import io.rpik8s.examples.myservice.backup.BackupDtos.CreateBackup;
import io.rpik8s.model.api.Page;
import io.rpik8s.model.api.PageRequest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.function.Supplier;

/** Backups as custom resources: the REST API writes them, {@link BackupReconciler} acts on them. */
@ApplicationScoped
public class BackupService {

    private final KubernetesClient client;
    private final BackupMetrics metrics;

    public BackupService(KubernetesClient client, BackupMetrics metrics) {
        this.client = client;
        this.metrics = metrics;
    }

    // tag::create[]
    @WithSpan("BackupService.create")
    public Uni<BackupView> create(@SpanAttribute("backup.namespace") String namespace, CreateBackup request) {
        var problems = BackupRules.check(request);
        if (!problems.isEmpty()) {
            metrics.requested("invalid");
            return Uni.createFrom().failure(ApiProblem.invalid(problems));
        }
        return blocking(() -> {
            var existing = client.resources(Backup.class).inNamespace(namespace).withName(request.name());
            if (existing.get() != null) {
                metrics.requested("conflict");
                throw ApiProblem.conflict("Backup " + namespace + "/" + request.name() + " already exists");
            }
            Backup backup = new Backup();
            backup.setMetadata(new ObjectMetaBuilder().withName(request.name()).withNamespace(namespace).build());
            backup.setSpec(new BackupSpec(request.volume(), request.bucket(), request.schedule().trim()));
            metrics.requested("created");
            return BackupView.of(client.resource(backup).create());
        });
    }
    // end::create[]

    @WithSpan("BackupService.list")
    public Uni<Page<BackupView>> list(@SpanAttribute("backup.namespace") String namespace, PageRequest page) {
        return blocking(() -> Page.of(client.resources(Backup.class).inNamespace(namespace).list().getItems().stream()
                .sorted(Comparator.comparing(b -> b.getMetadata().getName())).map(BackupView::of).toList(), page));
    }

    @WithSpan("BackupService.get")
    public Uni<BackupView> get(String namespace, String name) {
        return blocking(() -> {
            Backup backup = client.resources(Backup.class).inNamespace(namespace).withName(name).get();
            if (backup == null) {
                throw ApiProblem.notFound("No Backup " + namespace + "/" + name);
            }
            return BackupView.of(backup);
        });
    }

    /** Fabric8 calls block: keep them off the event loop. */
    private static <T> Uni<T> blocking(Supplier<T> call) {
        return Uni.createFrom().item(call).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
