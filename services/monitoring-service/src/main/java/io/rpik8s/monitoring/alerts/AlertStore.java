package io.rpik8s.monitoring.alerts;

import com.fasterxml.jackson.core.type.TypeReference;
import io.rpik8s.commons.outbox.OutboxStore;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.EventJson;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Alert history in PostgreSQL. A firing or resolution and its event are written in one transaction (outbox), so an
 * event exists exactly when the history says the alert changed.
 */
@ApplicationScoped
public class AlertStore {

    private final Pool pool;
    private final OutboxStore outbox;

    public AlertStore(Pool pool, OutboxStore outbox) {
        this.pool = pool;
        this.outbox = outbox;
    }

    public Uni<Void> fired(AlertView alert, EventEnvelope event) {
        return outbox.commit(tx -> tx.preparedQuery("""
                        INSERT INTO alert_history (fingerprint, rule, severity, subject, status, value, threshold,
                                                   message, labels, starts_at)
                        VALUES ($1, $2, $3, $4, 'firing', $5, $6, $7, $8, $9)""")
                .execute(Tuple.from(new Object[] {alert.fingerprint(), alert.rule(), alert.severity(),
                        alert.subject(), alert.value(), alert.threshold(), alert.message(),
                        new JsonObject(Map.copyOf(alert.labels())), alert.startsAt().atOffset(ZoneOffset.UTC)})),
                event);
    }

    public Uni<Void> resolved(AlertView alert, EventEnvelope event) {
        return outbox.commit(tx -> tx.preparedQuery("""
                        UPDATE alert_history SET status = 'resolved', ends_at = $2
                        WHERE fingerprint = $1 AND status = 'firing'""")
                .execute(Tuple.of(alert.fingerprint(), alert.endsAt().atOffset(ZoneOffset.UTC))), event);
    }

    /**
     * Records {@code alert} as firing and appends the event built from it, unless its fingerprint fires already (a
     * repeated notification): then nothing is written. Emits whether it was new.
     */
    public Uni<Boolean> fireIfNew(AlertView alert, Function<AlertView, EventEnvelope> event) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                        INSERT INTO alert_history (fingerprint, rule, severity, subject, status, value, threshold,
                                                   message, labels, starts_at)
                        VALUES ($1, $2, $3, $4, 'firing', $5, $6, $7, $8, $9)
                        ON CONFLICT (fingerprint) WHERE status = 'firing' DO NOTHING RETURNING id""")
                .execute(Tuple.from(new Object[] {alert.fingerprint(), alert.rule(), alert.severity(),
                        alert.subject(), alert.value(), alert.threshold(), alert.message(),
                        new JsonObject(Map.copyOf(alert.labels())), alert.startsAt().atOffset(ZoneOffset.UTC)}))
                .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                        : outbox.append(tx, event.apply(alert)).replaceWith(true)))
                .invoke(added -> {
                    if (added) {
                        outbox.wakeRelay();
                    }
                });
    }

    /**
     * Resolves the firing alert with {@code fingerprint} at {@code endsAt} and appends the event built from the
     * resolved alert (as it fired, with its end); emits it, or null when nothing with that fingerprint was firing.
     */
    public Uni<AlertView> resolveIfFiring(String fingerprint, Instant endsAt,
            Function<AlertView, EventEnvelope> event) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                        UPDATE alert_history SET status = 'resolved', ends_at = $2
                        WHERE fingerprint = $1 AND status = 'firing' RETURNING *""")
                .execute(Tuple.of(fingerprint, endsAt.atOffset(ZoneOffset.UTC)))
                .chain(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    AlertView resolved = viewOf(rows.iterator().next());
                    return outbox.append(tx, event.apply(resolved)).replaceWith(resolved);
                }))
                .invoke(resolved -> {
                    if (resolved != null) {
                        outbox.wakeRelay();
                    }
                });
    }

    /** Firing alerts first, then the most recent resolved ones. */
    public Uni<List<AlertView>> list(String status, int limit) {
        return pool.preparedQuery("""
                        SELECT * FROM alert_history WHERE ($1::text IS NULL OR status = $1)
                        ORDER BY (status = 'firing') DESC, starts_at DESC, id DESC LIMIT $2""")
                .execute(Tuple.of(status, limit))
                .map(rows -> {
                    List<AlertView> out = new ArrayList<>();
                    rows.forEach(r -> out.add(viewOf(r)));
                    return out;
                });
    }

    /** Alerts still firing according to the history, to carry on after a restart without firing twice. */
    public Uni<List<AlertView>> firing() {
        return list("firing", 10_000);
    }

    private static AlertView viewOf(Row r) {
        OffsetDateTime ends = r.getOffsetDateTime("ends_at");
        Object labels = r.getValue("labels");
        Map<String, String> labelMap = labels instanceof JsonObject j
                ? EventJson.mapper().convertValue(j.getMap(), new TypeReference<Map<String, String>>() { })
                : Map.of();
        return new AlertView(r.getString("fingerprint"), r.getString("rule"), r.getString("severity"),
                r.getString("status"), r.getString("subject"), r.getDouble("value"), r.getDouble("threshold"),
                r.getString("message"), labelMap, r.getOffsetDateTime("starts_at").toInstant(),
                ends == null ? null : ends.toInstant());
    }
}
