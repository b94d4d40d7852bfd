package io.rpik8s.webhook.ingest;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.EventJson;
import io.rpik8s.model.events.PlatformEvent;
import io.rpik8s.webhook.endpoint.Endpoint;
import io.rpik8s.webhook.endpoint.EndpointStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Records a message and one delivery per matching endpoint in one transaction. The message id (the webhook-id) is
 * derived from the CloudEvents id, so recording a redelivered event is a no-op: at-least-once in, exactly one message.
 */
@ApplicationScoped
public class MessageRecorder {

    private final Pool pool;
    private final EndpointStore endpoints;

    public MessageRecorder(Pool pool, EndpointStore endpoints) {
        this.pool = pool;
        this.endpoints = endpoints;
    }

    /** The webhook-id of an event: stable for every redelivery of the same CloudEvent. */
    public static String messageIdOf(String eventId) {
        return "msg_" + eventId;
    }

    /** Records an event for every enabled endpoint that accepts it; emits the number of deliveries created. */
    @WithSpan("MessageRecorder.record")
    public Uni<Integer> record(EventEnvelope event, String traceparent) {
        String namespace = namespaceOf(event.data());
        return record(messageIdOf(event.id()), event.data(), traceparent,
                e -> e.accepts(event.data().event(), namespace));
    }

    /** Records a message for the enabled endpoints {@code targets} admits (a test ping names one, filters aside). */
    public Uni<Integer> record(String messageId, PlatformEvent data, String traceparent, Predicate<Endpoint> targets) {
        String body = EventJson.write(data);
        String namespace = namespaceOf(data);
        return pool.withTransaction(tx -> tx.preparedQuery("""
                        INSERT INTO message (id, event_type, namespace, body, traceparent) VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (id) DO NOTHING""")
                .execute(Tuple.from(Arrays.asList(messageId, data.event(), namespace, body, traceparent)))
                .chain(inserted -> inserted.rowCount() == 0
                        ? Uni.createFrom().item(0)
                        : endpoints.listEnabled(tx).chain(all -> insertDeliveries(tx, messageId,
                                all.stream().filter(targets).toList()))));
    }

    private Uni<Integer> insertDeliveries(SqlClient tx, String messageId, List<Endpoint> targets) {
        if (targets.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Tuple> rows = targets.stream().map(e -> Tuple.of(messageId, e.id())).toList();
        return tx.preparedQuery("INSERT INTO delivery (message_id, endpoint_id) VALUES ($1, $2)")
                .executeBatch(rows).replaceWith(targets.size());
    }

    static String namespaceOf(PlatformEvent e) {
        if (e.deployment() != null) {
            return e.deployment().namespace();
        }
        if (e.volume() != null) {
            return e.volume().namespace();
        }
        if (e.database() != null) {
            return e.database().namespace();
        }
        if (e.alert() != null && e.alert().labels() != null) {
            return e.alert().labels().get("namespace");
        }
        return null;
    }
}
