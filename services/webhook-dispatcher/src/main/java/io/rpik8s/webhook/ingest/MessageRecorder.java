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
import io.rpik8s.webhook.store.EnabledEndpoints;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Records messages and one delivery per matching endpoint, a whole batch of events in one statement. The message id
 * (the webhook-id) is derived from the CloudEvents id, so recording a redelivered event is a no-op: at-least-once in,
 * exactly one message. Deliveries for which the worker's window has a free slot are recorded already leased and
 * handed to the worker after the commit (no second write to lease them); the others wait in the queue.
 */
@ApplicationScoped
public class MessageRecorder {

    private final Pool pool;
    private final EnabledEndpoints endpoints;
    private final DeliveryWindow window;
    private final DeliveryWorker worker;
    private final Duration lease;

    public MessageRecorder(Pool pool, EnabledEndpoints endpoints, DeliveryWindow window, DeliveryWorker worker,
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

    /**
     * Records events in one statement (messages and deliveries commit together, with no transaction round trips), then
     * starts the attempts that fit the window; emits the deliveries made.
     */
    @WithSpan("MessageRecorder.recordAll")
    public Uni<Integer> recordAll(List<Incoming> events) {
        Map<String, Incoming> byId = new LinkedHashMap<>();
        events.forEach(e -> byId.putIfAbsent(e.messageId(), e));
        return endpoints.get().chain(enabled -> insert(byId, enabled));
    }

    private Uni<Integer> insert(Map<String, Incoming> byId, List<Endpoint> enabled) {
        int n = byId.size();
        String[] ids = new String[n];
        String[] types = new String[n];
        String[] namespaces = new String[n];
        String[] bodies = new String[n];
        String[] traces = new String[n];
        Map<String, String> bodyOf = new java.util.HashMap<>();
        List<String> messageIds = new ArrayList<>();
        List<Endpoint> targets = new ArrayList<>();
        List<Boolean> leased = new ArrayList<>();
        int i = 0;
        for (Incoming e : byId.values()) {
            ids[i] = e.messageId();
            types[i] = e.data().event();
            namespaces[i] = namespaceOf(e.data());
            bodies[i] = EventJson.write(e.data());
            traces[i] = e.traceparent();
            bodyOf.put(e.messageId(), bodies[i]);
            i++;
            for (Endpoint target : enabled) {
                if (e.targets().test(target)) {
                    messageIds.add(e.messageId());
                    targets.add(target);
                    leased.add(window.tryTake(target.id()));
                }
            }
        }
        // A message already recorded (a redelivered event) inserts nothing, so neither do its deliveries.
        return pool.preparedQuery("""
                        WITH m AS (
                            INSERT INTO message (id, event_type, namespace, body, traceparent)
                            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
                            ON CONFLICT (id) DO NOTHING RETURNING id)
                        INSERT INTO delivery (message_id, endpoint_id, lease_until, leased_by)
                        SELECT t.m, t.e, CASE WHEN t.l THEN now() + make_interval(secs => $9) END,
                               CASE WHEN t.l THEN $10 END
                        FROM unnest($6::text[], $7::text[], $8::bool[]) WITH ORDINALITY AS t(m, e, l, n)
                        JOIN m ON m.id = t.m ORDER BY t.n
                        RETURNING id, message_id, endpoint_id""")
                .execute(Tuple.tuple().addArrayOfString(ids).addArrayOfString(types).addArrayOfString(namespaces)
                        .addArrayOfString(bodies).addArrayOfString(traces)
                        .addArrayOfString(messageIds.toArray(String[]::new))
                        .addArrayOfString(targets.stream().map(Endpoint::id).toArray(String[]::new))
                        .addArrayOfBoolean(leased.toArray(Boolean[]::new))
                        .addDouble((double) lease.toMillis() / 1000).addString(worker.owner()))
                .onFailure().invoke(e -> release(targets, leased, messageIds, null))
                .map(rows -> {
                    Map<String, Long> created = new java.util.HashMap<>();
                    rows.forEach(r -> created.put(r.getString(1) + " " + r.getString(2), r.getLong(0)));
                    release(targets, leased, messageIds, created);
                    List<DueDelivery> start = new ArrayList<>();
                    boolean queued = false;
                    for (int k = 0; k < messageIds.size(); k++) {
                        Long id = created.get(messageIds.get(k) + " " + targets.get(k).id());
                        if (id == null) {
                            continue;
                        }
                        if (leased.get(k)) {
                            Incoming e = byId.get(messageIds.get(k));
                            start.add(new DueDelivery(id, 0, messageIds.get(k), e.data().event(),
                                    bodyOf.get(messageIds.get(k)), e.traceparent(), targets.get(k)));
                        } else {
                            queued = true;
                        }
                    }
                    worker.start(start);
                    if (queued) {
                        worker.wake();
                    }
                    return created.size();
                });
    }

    /** Gives back the slots taken for deliveries that were not created ({@code created} null: none was). */
    private void release(List<Endpoint> targets, List<Boolean> leased, List<String> messageIds,
            Map<String, Long> created) {
        for (int k = 0; k < targets.size(); k++) {
            if (leased.get(k) && (created == null
                    || !created.containsKey(messageIds.get(k) + " " + targets.get(k).id()))) {
                window.release(targets.get(k).id());
            }
        }
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
        if (e.app() != null) {
            return e.app().namespace();
        }
        return null;
    }
}
