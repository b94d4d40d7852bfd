package io.rpik8s.webhook.ingest;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.EventJson;
import io.rpik8s.model.events.PlatformEvent;
import io.rpik8s.webhook.config.WebhookConfig;
import io.rpik8s.webhook.delivery.DeliveryWindow;
import io.rpik8s.webhook.delivery.DeliveryWorker;
import io.rpik8s.webhook.delivery.DueDelivery;
import io.rpik8s.webhook.store.Endpoint;
import io.rpik8s.webhook.store.EndpointStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Records messages and one delivery per matching endpoint, a whole batch of events in one transaction. The message id
 * (the webhook-id) is derived from the CloudEvents id, so recording a redelivered event is a no-op: at-least-once in,
 * exactly one message. Deliveries for which the worker's window has a free slot are recorded already leased and
 * handed to the worker after the commit (no second write to lease them); the others wait in the queue.
 */
@ApplicationScoped
public class MessageRecorder {

    private final Pool pool;
    private final EndpointStore endpoints;
    private final DeliveryWindow window;
    private final DeliveryWorker worker;
    private final Duration lease;

    public MessageRecorder(Pool pool, EndpointStore endpoints, DeliveryWindow window, DeliveryWorker worker,
            WebhookConfig config) {
        this.pool = pool;
        this.endpoints = endpoints;
        this.window = window;
        this.worker = worker;
        this.lease = DeliveryWorker.leaseOf(config);
    }

    /**
     * An event to record.
     *
     * @param messageId   its webhook-id
     * @param data        the event, the webhook body once written as JSON
     * @param traceparent the trace it belongs to, null if none
     * @param targets     which enabled endpoints get it
     */
    public record Incoming(String messageId, PlatformEvent data, String traceparent, Predicate<Endpoint> targets) {

        /** A consumed platform event, for the endpoints whose filters accept it. */
        public static Incoming of(EventEnvelope event, String traceparent) {
            String namespace = namespaceOf(event.data());
            return new Incoming(messageIdOf(event.id()), event.data(), traceparent,
                    e -> e.accepts(event.data().event(), namespace));
        }
    }

    /** The webhook-id of an event: stable for every redelivery of the same CloudEvent. */
    public static String messageIdOf(String eventId) {
        return "msg_" + eventId;
    }

    /** Records an event for every enabled endpoint that accepts it; emits the number of deliveries created. */
    public Uni<Integer> record(EventEnvelope event, String traceparent) {
        return recordAll(List.of(Incoming.of(event, traceparent)));
    }

    /** Records a message for the enabled endpoints {@code targets} admits (a test ping names one, filters aside). */
    public Uni<Integer> record(String messageId, PlatformEvent data, String traceparent, Predicate<Endpoint> targets) {
        return recordAll(List.of(new Incoming(messageId, data, traceparent, targets)));
    }

    /** Records events in one transaction, then starts the attempts that fit the window; emits the deliveries made. */
    @WithSpan("MessageRecorder.recordAll")
    public Uni<Integer> recordAll(List<Incoming> events) {
        Map<String, Incoming> byId = new LinkedHashMap<>();
        events.forEach(e -> byId.putIfAbsent(e.messageId(), e));
        Map<String, String> bodies = new LinkedHashMap<>();
        byId.forEach((id, e) -> bodies.put(id, EventJson.write(e.data())));
        List<String> taken = new ArrayList<>();
        return pool.withTransaction(tx -> insertMessages(tx, byId, bodies)
                        .chain(inserted -> inserted.isEmpty() ? Uni.createFrom().item(List.<DueDelivery>of())
                                : endpoints.listEnabled(tx).chain(all -> insertDeliveries(tx, inserted, byId,
                                        bodies, all, taken))))
                .onFailure().invoke(e -> {
                    taken.forEach(window::release);
                    taken.clear();
                })
                .map(created -> {
                    List<DueDelivery> leased = created.stream().filter(d -> d != null).toList();
                    worker.start(leased);
                    if (leased.size() < created.size()) {
                        worker.wake();
                    }
                    return created.size();
                });
    }

    private Uni<List<String>> insertMessages(SqlClient tx, Map<String, Incoming> byId, Map<String, String> bodies) {
        int n = byId.size();
        String[] ids = new String[n];
        String[] types = new String[n];
        String[] namespaces = new String[n];
        String[] traces = new String[n];
        int i = 0;
        for (Incoming e : byId.values()) {
            ids[i] = e.messageId();
            types[i] = e.data().event();
            namespaces[i] = namespaceOf(e.data());
            traces[i] = e.traceparent();
            i++;
        }
        return tx.preparedQuery("""
                        INSERT INTO message (id, event_type, namespace, body, traceparent)
                        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
                        ON CONFLICT (id) DO NOTHING RETURNING id""")
                .execute(Tuple.tuple().addArrayOfString(ids).addArrayOfString(types).addArrayOfString(namespaces)
                        .addArrayOfString(bodies.values().toArray(String[]::new)).addArrayOfString(traces))
                .map(rows -> {
                    List<String> inserted = new ArrayList<>();
                    rows.forEach(r -> inserted.add(r.getString(0)));
                    return inserted;
                });
    }

    /**
     * Inserts the deliveries of the newly inserted messages; those that got a slot of the window are inserted leased.
     * Emits one entry per delivery: the leased ones ready to attempt, null for those left to the queue.
     */
    private Uni<List<DueDelivery>> insertDeliveries(SqlClient tx, List<String> inserted, Map<String, Incoming> byId,
            Map<String, String> bodies, List<Endpoint> enabled, List<String> taken) {
        List<String> messageIds = new ArrayList<>();
        List<Endpoint> targets = new ArrayList<>();
        List<Boolean> leased = new ArrayList<>();
        for (String id : inserted) {
            for (Endpoint e : enabled) {
                if (byId.get(id).targets().test(e)) {
                    messageIds.add(id);
                    targets.add(e);
                    boolean slot = window.tryTake(e.id());
                    if (slot) {
                        taken.add(e.id());
                    }
                    leased.add(slot);
                }
            }
        }
        if (messageIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return tx.preparedQuery("""
                        INSERT INTO delivery (message_id, endpoint_id, lease_until, leased_by)
                        SELECT m, e, CASE WHEN l THEN now() + make_interval(secs => $4) END, CASE WHEN l THEN $5 END
                        FROM unnest($1::text[], $2::text[], $3::bool[]) AS t(m, e, l)
                        RETURNING id, message_id, endpoint_id""")
                .execute(Tuple.tuple().addArrayOfString(messageIds.toArray(String[]::new))
                        .addArrayOfString(targets.stream().map(Endpoint::id).toArray(String[]::new))
                        .addArrayOfBoolean(leased.toArray(Boolean[]::new))
                        .addDouble((double) lease.toMillis() / 1000).addString(worker.owner()))
                .map(rows -> {
                    Map<String, Long> ids = new java.util.HashMap<>();
                    rows.forEach(r -> ids.put(r.getString(1) + " " + r.getString(2), r.getLong(0)));
                    List<DueDelivery> created = new ArrayList<>();
                    for (int i = 0; i < messageIds.size(); i++) {
                        String messageId = messageIds.get(i);
                        Incoming e = byId.get(messageId);
                        Long id = ids.get(messageId + " " + targets.get(i).id());
                        created.add(leased.get(i) ? new DueDelivery(id, 0, messageId, e.data().event(),
                                bodies.get(messageId), e.traceparent(), targets.get(i)) : null);
                    }
                    return created;
                });
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
