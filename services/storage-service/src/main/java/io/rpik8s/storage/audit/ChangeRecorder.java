package io.rpik8s.storage.audit;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.rpik8s.commons.audit.AuditedChanges;
import io.rpik8s.commons.outbox.OutboxStore;
import io.rpik8s.model.events.PlatformEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/**
 * Records a change in {@code storage_audit} and appends its event to the outbox in one transaction; callers make the
 * S3 or Kubernetes change first ({@link AuditedChanges} says why).
 */
@ApplicationScoped
public class ChangeRecorder {

    public static final String SERVICE = "storage-service";

    private final AuditedChanges<PlatformEvent> changes;

    public ChangeRecorder(OutboxStore outbox, Pool pool) {
        this.changes = new AuditedChanges<>(outbox, pool, SERVICE, (sql, event) -> sql.preparedQuery(
                        "INSERT INTO storage_audit (event_type, subject, actor) VALUES ($1, $2, $3)")
                .execute(Tuple.of(event.event(), event.subject(), event.actor())));
    }

    /** Audits {@code event} and appends it to the outbox. */
    public Uni<Void> record(PlatformEvent event) {
        return changes.succeeded(event, event);
    }

    /** As {@link #record(PlatformEvent)}, with the service's own statements ({@code alsoInTx}) in the same transaction. */
    @WithSpan("ChangeRecorder.record")
    public Uni<Void> record(PlatformEvent event, Function<SqlConnection, Uni<Void>> alsoInTx) {
        return changes.succeeded(event, event, alsoInTx::apply);
    }
}
