package io.rpik8s.commons.outbox;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.EventJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Appends events to the outbox inside the caller's transaction, so an event exists exactly when its change does.
 * The current trace context is stored with the row and restored by the relay.
 */
@ApplicationScoped
public class OutboxStore {

    private final OutboxRelay relay;

    public OutboxStore(OutboxRelay relay) {
        this.relay = relay;
    }

    /** Inserts {@code envelope} using {@code tx}, a connection inside the transaction of the change. */
    public Uni<Void> append(SqlClient tx, EventEnvelope envelope) {
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return tx.preparedQuery("""
                        INSERT INTO outbox (event_id, topic, event_type, source, subject, event_time, data,
                                            trace_parent, trace_state)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""")
                .execute(Tuple.from(new Object[] {
                        UUID.fromString(envelope.id()), envelope.topic(), envelope.type(),
                        envelope.source().toString(), envelope.subject(),
                        envelope.time().atOffset(ZoneOffset.UTC), EventJson.write(envelope.data()),
                        carrier.get("traceparent"), carrier.get("tracestate")}))
                .replaceWithVoid();
    }

    /** Asks the relay to run now rather than at its next tick; call after the transaction committed. */
    public void wakeRelay() {
        relay.wake();
    }
}
