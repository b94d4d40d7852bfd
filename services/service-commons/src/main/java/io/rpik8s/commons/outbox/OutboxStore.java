package io.rpik8s.commons.outbox;

import io.rpik8s.commons.tracing.TraceContext;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.EventJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Appends events to the outbox inside the caller's transaction, so an event exists exactly when its change does.
 * The current trace context is stored with the row and restored by the relay.
 */
@ApplicationScoped
public class OutboxStore {

    private final Runnable wake;
    private final Supplier<Pool> pool;

    @Inject
    public OutboxStore(OutboxRelay relay, Instance<Pool> pool) {
        this(pool::get, relay::wake);
    }

    /** An outbox in {@code pool}'s database whose commits call {@code wake} (outside CDI, e.g. in tests). */
    public OutboxStore(Supplier<Pool> pool, Runnable wake) {
        this.pool = pool;
        this.wake = wake;
    }

    /**
     * The usual way to record a change: runs {@code change} (the service's own statements) and appends
     * {@code envelope} in one transaction, and wakes the relay once it committed.
     */
    public Uni<Void> commit(Function<SqlConnection, Uni<?>> change, EventEnvelope envelope) {
        return pool.get().withTransaction(tx -> change.apply(tx).chain(() -> append(tx, envelope)))
                .invoke(this::wakeRelay);
    }

    /** Inserts {@code envelope} using {@code tx}, a connection inside the transaction of the change. */
    public Uni<Void> append(SqlClient tx, EventEnvelope envelope) {
        Map<String, String> trace = TraceContext.current();
        return tx.preparedQuery("""
                        INSERT INTO outbox (event_id, topic, event_type, source, subject, event_time, data,
                                            trace_parent, trace_state)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""")
                .execute(Tuple.from(new Object[] {
                        UUID.fromString(envelope.id()), envelope.topic(), envelope.type(),
                        envelope.source().toString(), envelope.subject(),
                        envelope.time().atOffset(ZoneOffset.UTC), EventJson.write(envelope.data()),
                        trace.get(TraceContext.TRACEPARENT), trace.get(TraceContext.TRACESTATE)}))
                .replaceWithVoid();
    }

    /** Asks the relay to run now rather than at its next tick; call after the transaction committed. */
    public void wakeRelay() {
        wake.run();
    }
}
