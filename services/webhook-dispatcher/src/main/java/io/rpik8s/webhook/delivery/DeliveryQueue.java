package io.rpik8s.webhook.delivery;

import io.rpik8s.webhook.endpoint.EndpointStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * The PostgreSQL-backed delivery queue: leases due deliveries with {@code FOR UPDATE SKIP LOCKED} (several workers or
 * replicas never take the same row) and a visibility timeout (a crashed worker's rows come back when it expires).
 */
@ApplicationScoped
public class DeliveryQueue {

    private final Pool pool;

    public DeliveryQueue(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<DueDelivery>> lease(int batch, Duration lease) {
        return pool.preparedQuery("""
                WITH due AS (
                    SELECT d.id FROM delivery d JOIN endpoint e ON e.id = d.endpoint_id
                    WHERE d.status = 'pending' AND d.next_attempt_at <= now()
                      AND (d.lease_until IS NULL OR d.lease_until < now()) AND e.enabled
                    ORDER BY d.next_attempt_at LIMIT $1
                    FOR UPDATE OF d SKIP LOCKED),
                leased AS (
                    UPDATE delivery d SET lease_until = now() + make_interval(secs => $2)
                    FROM due WHERE d.id = due.id
                    RETURNING d.id, d.message_id, d.endpoint_id, d.attempt_count)
                SELECT l.id AS delivery_id, l.attempt_count, m.id AS message_id, m.event_type, m.body,
                       m.traceparent, e.*
                FROM leased l JOIN message m ON m.id = l.message_id JOIN endpoint e ON e.id = l.endpoint_id""")
                .execute(Tuple.of(batch, (double) lease.toMillis() / 1000))
                .map(rows -> {
                    List<DueDelivery> due = new java.util.ArrayList<>();
                    for (Row r : rows) {
                        due.add(new DueDelivery(r.getLong("delivery_id"), r.getInteger("attempt_count"),
                                r.getString("message_id"), r.getString("event_type"), r.getString("body"),
                                r.getString("traceparent"), EndpointStore.mapRow(r)));
                    }
                    return due;
                });
    }

    /** Records an attempt and the delivery's new state ({@code pending} with a next time, or final) atomically. */
    public Uni<Void> recordAttempt(DueDelivery d, AttemptResult result, String outcome, String status,
            Instant nextAttemptAt) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                INSERT INTO attempt (delivery_id, message_id, endpoint_id, attempt_number, outcome, status_code,
                    latency_ms, response_excerpt, error) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""")
                .execute(Tuple.from(Arrays.asList(d.id(), d.messageId(), d.endpoint().id(), d.attemptsMade() + 1,
                        outcome, result.statusCode(), result.latencyMs(), result.responseExcerpt(),
                        result.error())))
                .chain(() -> tx.preparedQuery("""
                        UPDATE delivery SET status = $2, attempt_count = attempt_count + 1, lease_until = NULL,
                            next_attempt_at = COALESCE($3, next_attempt_at), last_status_code = $4,
                            last_error = $5, updated_at = now() WHERE id = $1""")
                        .execute(Tuple.from(Arrays.asList(d.id(), status, utc(nextAttemptAt), result.statusCode(),
                                result.error()))))
                .replaceWithVoid());
    }

    /** Holds a delivery back without an attempt (open circuit breaker, rate limit). */
    public Uni<Void> postpone(long deliveryId, Instant until) {
        return pool.preparedQuery("UPDATE delivery SET next_attempt_at = $2, lease_until = NULL WHERE id = $1")
                .execute(Tuple.of(deliveryId, utc(until))).replaceWithVoid();
    }

    /** Age in seconds of the oldest due pending delivery: how far behind the queue is. */
    public Uni<Double> lagSeconds() {
        return pool.query("""
                SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(d.next_attempt_at)), 0)
                FROM delivery d JOIN endpoint e ON e.id = d.endpoint_id
                WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND e.enabled""").execute()
                .map(rows -> rows.iterator().next().getNumeric(0).doubleValue());
    }

    static java.time.OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
