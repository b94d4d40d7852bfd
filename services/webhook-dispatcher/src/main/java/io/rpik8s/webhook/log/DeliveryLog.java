package io.rpik8s.webhook.log;

import io.rpik8s.model.api.Page;
import io.rpik8s.model.api.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Queries of the delivery log and the replay of deliveries. */
@ApplicationScoped
public class DeliveryLog {

    private final Pool pool;

    public DeliveryLog(Pool pool) {
        this.pool = pool;
    }

    public Uni<Page<MessageView>> messages(LogQuery q, PageRequest page) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        if (q.eventType != null) {
            params.add(q.eventType);
            where.append(" AND m.event_type = $").append(params.size());
        }
        if (q.sinceInstant() != null) {
            params.add(utc(q.sinceInstant()));
            where.append(" AND m.created_at >= $").append(params.size());
        }
        if (q.untilInstant() != null) {
            params.add(utc(q.untilInstant()));
            where.append(" AND m.created_at < $").append(params.size());
        }
        if (q.endpointId != null || q.status != null) {
            where.append(" AND EXISTS (SELECT 1 FROM delivery d WHERE d.message_id = m.id");
            if (q.endpointId != null) {
                params.add(q.endpointId);
                where.append(" AND d.endpoint_id = $").append(params.size());
            }
            if (q.status != null) {
                params.add(q.status);
                where.append(" AND d.status = $").append(params.size());
            }
            where.append(")");
        }
        Tuple args = Tuple.from(params);
        Uni<Long> total = pool.preparedQuery("SELECT count(*) FROM message m" + where).execute(args)
                .map(rows -> rows.iterator().next().getLong(0));
        Uni<List<Row>> rows = pool.preparedQuery("SELECT m.* FROM message m" + where
                        + " ORDER BY m.created_at DESC, m.id LIMIT " + page.size() + " OFFSET "
                        + (long) page.page() * page.size()).execute(args)
                .map(DeliveryLog::list);
        return Uni.combine().all().unis(total, rows).asTuple().chain(t -> {
            List<String> ids = t.getItem2().stream().map(r -> r.getString("id")).toList();
            return deliveries(ids).map(byMessage -> new Page<>(t.getItem2().stream()
                    .map(r -> message(r, byMessage.getOrDefault(r.getString("id"), List.of()), null)).toList(),
                    page.page(), page.size(), t.getItem1()));
        });
    }

    /** One message with its deliveries and every attempt; null when unknown. */
    public Uni<MessageView> message(String id) {
        return pool.preparedQuery("SELECT * FROM message WHERE id = $1").execute(Tuple.of(id)).chain(rows -> {
            if (rows.rowCount() == 0) {
                return Uni.createFrom().nullItem();
            }
            Row m = rows.iterator().next();
            return deliveries(List.of(id)).chain(d -> attemptsOfMessage(id)
                    .map(a -> message(m, d.getOrDefault(id, List.of()), a)));
        });
    }

    public Uni<Page<AttemptView>> attempts(LogQuery q, PageRequest page) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        if (q.endpointId != null) {
            params.add(q.endpointId);
            where.append(" AND a.endpoint_id = $").append(params.size());
        }
        if (q.eventType != null) {
            params.add(q.eventType);
            where.append(" AND m.event_type = $").append(params.size());
        }
        if (q.status != null) {
            // Attempts have outcomes; "failed" covers every unsuccessful attempt, "pending" none.
            where.append("succeeded".equals(q.status) ? " AND a.outcome = 'succeeded'"
                    : "failed".equals(q.status) ? " AND a.outcome <> 'succeeded'" : " AND false");
        }
        if (q.sinceInstant() != null) {
            params.add(utc(q.sinceInstant()));
            where.append(" AND a.attempted_at >= $").append(params.size());
        }
        if (q.untilInstant() != null) {
            params.add(utc(q.untilInstant()));
            where.append(" AND a.attempted_at < $").append(params.size());
        }
        String from = " FROM attempt a JOIN message m ON m.id = a.message_id" + where;
        Tuple args = Tuple.from(params);
        Uni<Long> total = pool.preparedQuery("SELECT count(*)" + from).execute(args)
                .map(rows -> rows.iterator().next().getLong(0));
        Uni<List<AttemptView>> items = pool.preparedQuery("SELECT a.*, m.event_type" + from
                        + " ORDER BY a.attempted_at DESC, a.id DESC LIMIT " + page.size() + " OFFSET "
                        + (long) page.page() * page.size()).execute(args)
                .map(rows -> list(rows).stream().map(DeliveryLog::attempt).toList());
        return Uni.combine().all().unis(total, items).asTuple()
                .map(t -> new Page<>(t.getItem2(), page.page(), page.size(), t.getItem1()));
    }

    /** Makes the message's deliveries (to one endpoint, or all) due now with a fresh schedule; returns how many. */
    public Uni<Integer> replay(String messageId, String endpointId) {
        return pool.preparedQuery("""
                UPDATE delivery SET status = 'pending', attempt_count = 0, next_attempt_at = now(), lease_until = NULL,
                    updated_at = now()
                WHERE message_id = $1 AND ($2::text IS NULL OR endpoint_id = $2) AND status <> 'pending'""")
                .execute(Tuple.of(messageId, endpointId)).map(RowSet::rowCount);
    }

    /** Replays every failed delivery of messages recorded since {@code since} (to one endpoint, or all). */
    public Uni<Integer> replayFailed(Instant since, String endpointId) {
        return pool.preparedQuery("""
                UPDATE delivery d SET status = 'pending', attempt_count = 0, next_attempt_at = now(),
                    lease_until = NULL, updated_at = now()
                FROM message m WHERE m.id = d.message_id AND d.status = 'failed' AND m.created_at >= $1
                  AND ($2::text IS NULL OR d.endpoint_id = $2)""")
                .execute(Tuple.of(utc(since), endpointId)).map(RowSet::rowCount);
    }

    /** Deletes messages older than the retention whose deliveries are all finished; returns how many. */
    /**
     * Deletes messages older than the retention whose deliveries are all finished and untouched for the retention
     * (a replayed or cancelled delivery stays visible for another retention), then cancels the pending deliveries of
     * disabled endpoints whose message is older than the retention: they waited for a re-enable that did not come.
     * Answers how many messages were deleted.
     */
    public Uni<Integer> purge(java.time.Duration retention) {
        Tuple cutoff = Tuple.of((double) retention.toMillis() / 1000);
        return pool.preparedQuery("""
                DELETE FROM message m WHERE m.created_at < now() - make_interval(secs => $1)
                  AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.message_id = m.id
                      AND (d.status = 'pending' OR d.updated_at >= now() - make_interval(secs => $1)))""")
                .execute(cutoff).map(RowSet::rowCount)
                .call(deleted -> pool.preparedQuery("""
                        UPDATE delivery d SET status = 'cancelled', lease_until = NULL, updated_at = now(),
                            last_error = 'endpoint disabled for longer than the retention'
                        FROM message m, endpoint e
                        WHERE m.id = d.message_id AND e.id = d.endpoint_id AND d.status = 'pending' AND NOT e.enabled
                          AND m.created_at < now() - make_interval(secs => $1)""").execute(cutoff));
    }

    private Uni<Map<String, List<MessageView.DeliveryView>>> deliveries(List<String> messageIds) {
        if (messageIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("SELECT * FROM delivery WHERE message_id = ANY($1) ORDER BY endpoint_id")
                .execute(Tuple.of(messageIds.toArray(String[]::new))).map(rows -> {
                    Map<String, List<MessageView.DeliveryView>> by = new LinkedHashMap<>();
                    for (Row r : rows) {
                        by.computeIfAbsent(r.getString("message_id"), k -> new ArrayList<>())
                                .add(new MessageView.DeliveryView(r.getString("endpoint_id"), r.getString("status"),
                                        r.getInteger("attempt_count"), instant(r.getOffsetDateTime("next_attempt_at")),
                                        r.getInteger("last_status_code"), r.getString("last_error")));
                    }
                    return by;
                });
    }

    private Uni<List<AttemptView>> attemptsOfMessage(String messageId) {
        return pool.preparedQuery("""
                SELECT a.*, m.event_type FROM attempt a JOIN message m ON m.id = a.message_id
                WHERE a.message_id = $1 ORDER BY a.attempted_at, a.id""").execute(Tuple.of(messageId))
                .map(rows -> list(rows).stream().map(DeliveryLog::attempt).toList());
    }

    private static MessageView message(Row r, List<MessageView.DeliveryView> deliveries, List<AttemptView> attempts) {
        return new MessageView(r.getString("id"), r.getString("event_type"), r.getString("namespace"),
                instant(r.getOffsetDateTime("created_at")), r.getString("body"), deliveries, attempts);
    }

    private static AttemptView attempt(Row r) {
        return new AttemptView(r.getLong("id"), r.getString("message_id"), r.getString("endpoint_id"),
                r.getString("event_type"), r.getInteger("attempt_number"), instant(r.getOffsetDateTime("attempted_at")),
                r.getString("outcome"), r.getInteger("status_code"), r.getLong("latency_ms"),
                r.getString("response_excerpt"), r.getString("error"));
    }

    private static List<Row> list(RowSet<Row> rows) {
        List<Row> all = new ArrayList<>();
        rows.forEach(all::add);
        return all;
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
