package io.rpik8s.commons.audit;

import io.rpik8s.commons.outbox.OutboxStore;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.PlatformEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Records a change in the service's audit table and its event in the outbox, in one transaction, then wakes the
 * outbox relay: the audit row and the event exist together or not at all. A refused or failed change is audited
 * alone, never announced. Each service gives its own table as an {@link AuditWriter}.
 *
 * <p>S3 and Kubernetes changes cannot join a PostgreSQL transaction, so callers make the external change first and
 * record it here only once it succeeded: a failed change leaves no event, and a crash between the two loses the
 * event of a change that happened (the lesser evil: consumers never hear of something that did not happen).
 *
 * @param <A> what the service audits of a change
 */
public final class AuditedChanges<A> {

    private static final Logger LOG = Logger.getLogger(AuditedChanges.class);

    private final OutboxStore outbox;
    private final Pool pool;
    private final String service;
    private final AuditWriter<A> writer;

    /**
     * @param service the CloudEvents source of the events ({@code deployment-service}, ...)
     * @param writer  writes an entry into the service's audit table
     */
    public AuditedChanges(OutboxStore outbox, Pool pool, String service, AuditWriter<A> writer) {
        this.outbox = outbox;
        this.pool = pool;
        this.service = service;
        this.writer = writer;
    }

    /** An accepted change: its audit row and its event commit together. */
    public Uni<Void> succeeded(A entry, PlatformEvent event) {
        return succeeded(entry, event, tx -> Uni.createFrom().voidItem());
    }

    /** As {@link #succeeded(Object, PlatformEvent)}, with the service's own statements in the same transaction. */
    public Uni<Void> succeeded(A entry, PlatformEvent event, Function<SqlConnection, Uni<?>> alsoInTx) {
        return outbox.commit(tx -> alsoInTx.apply(tx).chain(() -> writer.write(tx, entry)),
                EventEnvelope.of(service, event));
    }

    /** A refused or failed change: audited, never announced. Never fails the caller's pipeline (a failure is logged). */
    public Uni<Void> failed(A entry) {
        return Uni.createFrom().deferred(() -> writer.write(pool, entry)).replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("Could not audit %s: %s", entry, e.getMessage()))
                .onFailure().recoverWithNull();
    }
}
