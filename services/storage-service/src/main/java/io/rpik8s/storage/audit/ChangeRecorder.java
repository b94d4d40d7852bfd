package io.rpik8s.storage.audit;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.rpik8s.commons.outbox.OutboxStore;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.PlatformEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/**
 * Records a change in the audit table and appends its event to the outbox in one transaction.
 *
 * <p>S3 and Kubernetes changes cannot join a PostgreSQL transaction, so callers make the external change first and
 * record it here only once it succeeded: a failed change leaves no event, and a crash between the two loses the event
 * of a change that happened (the lesser evil: consumers never hear of something that did not happen).
 */
@ApplicationScoped
public class ChangeRecorder {

    public static final String SERVICE = "storage-service";

    private final OutboxStore outbox;

    public ChangeRecorder(OutboxStore outbox) {
        this.outbox = outbox;
    }

    /** Audits {@code event} and appends it to the outbox. */
    public Uni<Void> record(PlatformEvent event) {
        return record(event, tx -> Uni.createFrom().voidItem());
    }

    /** As {@link #record(PlatformEvent)}, with the service's own statements ({@code alsoInTx}) in the same transaction. */
    @WithSpan("ChangeRecorder.record")
    public Uni<Void> record(PlatformEvent event, Function<SqlConnection, Uni<Void>> alsoInTx) {
        EventEnvelope envelope = EventEnvelope.of(SERVICE, event);
        return outbox.commit(tx -> alsoInTx.apply(tx)
                .chain(() -> tx.preparedQuery(
                                "INSERT INTO storage_audit (event_type, subject, actor) VALUES ($1, $2, $3)")
                        .execute(Tuple.of(event.event(), envelope.subject(), event.actor()))), envelope);
    }
}
