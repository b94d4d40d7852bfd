package io.rpik8s.webhook.delivery;

import io.rpik8s.webhook.store.Deadlocks;
import io.rpik8s.webhook.store.EndpointStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The PostgreSQL-backed delivery queue: leases due deliveries with {@code FOR UPDATE SKIP LOCKED} (several workers or
 * replicas never take the same row) and a visibility timeout (a crashed worker's rows come back when it expires).
 * Outcomes are written by {@link AttemptLog}.
 */
@ApplicationScoped
public class DeliveryQueue {

    private final Pool pool;

    public DeliveryQueue(Pool pool) {
        this.pool = pool;
    }

    /**
     * Leases up to {@code max} due deliveries, taking from each endpoint at most what it has room for
     * ({@code perEndpoint} minus what it has in flight or waiting here, in {@code busy}); endpoints that are full are
     * skipped, so one slow receiver's backlog never fills a lease.
     */
    public Uni<List<DueDelivery>> lease(int max, DeliveryWindow.Busy busy, int perEndpoint, Duration lease,
            String owner) {
        return pool.preparedQuery("""
                WITH busy AS (SELECT * FROM unnest($3::text[], $4::int[]) AS b(endpoint_id, n)),
                candidate AS (
                    SELECT d.id, d.endpoint_id, d.next_attempt_at FROM delivery d JOIN endpoint e ON e.id = d.endpoint_id
                    WHERE d.status = 'pending' AND d.next_attempt_at <= now()
                      AND (d.lease_until IS NULL OR d.lease_until < now()) AND e.enabled
                      AND NOT EXISTS (SELECT 1 FROM busy WHERE busy.endpoint_id = d.endpoint_id AND busy.n >= $5)
                    ORDER BY d.next_attempt_at LIMIT $1 * 4
                    FOR UPDATE OF d SKIP LOCKED),
                due AS (
                    SELECT id FROM (
                        SELECT c.id, c.next_attempt_at, $5 - COALESCE(busy.n, 0) AS room,
                               row_number() OVER (PARTITION BY c.endpoint_id ORDER BY c.next_attempt_at, c.id) AS rn
                        FROM candidate c LEFT JOIN busy ON busy.endpoint_id = c.endpoint_id) ranked
                    WHERE rn <= room ORDER BY next_attempt_at LIMIT $1),
                leased AS (
                    UPDATE delivery d SET lease_until = now() + make_interval(secs => $2), leased_by = $6
                    FROM due WHERE d.id = due.id
                    RETURNING d.id, d.message_id, d.endpoint_id, d.attempt_count)
                SELECT l.id AS delivery_id, l.attempt_count, m.id AS message_id, m.event_type, m.body,
                       m.traceparent, e.*
                FROM leased l JOIN message m ON m.id = l.message_id JOIN endpoint e ON e.id = l.endpoint_id""")
                .execute(Tuple.of(max, (double) lease.toMillis() / 1000,
                        busy.endpointIds().toArray(String[]::new), busy.inFlight().toArray(Integer[]::new),
                        perEndpoint, owner))
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

    /**
     * Hands back the leases this instance held in an earlier life ({@code instance:boot}, another boot): their
     * attempts died with it. Answers how many.
     */
    public Uni<Integer> releaseEarlierLeases(String instanceId, String owner) {
        return pool.preparedQuery("""
                UPDATE delivery SET lease_until = NULL, leased_by = NULL
                WHERE status = 'pending' AND lease_until > now() AND leased_by LIKE $1 || ':%' AND leased_by <> $2""")
                .execute(Tuple.of(instanceId, owner)).map(io.vertx.mutiny.sqlclient.SqlResult::rowCount);
    }

    /**
     * Extends the leases this instance holds on deliveries waiting for a slot; answers those it still held (a lease
     * that ran out may have been taken by another instance).
     */
    public Uni<java.util.Set<Long>> renew(List<Long> ids, Duration lease, String owner) {
        return Deadlocks.retried(pool.preparedQuery("""
                UPDATE delivery SET lease_until = now() + make_interval(secs => $2)
                WHERE id = ANY($1) AND leased_by = $3 AND status = 'pending' RETURNING id""")
                .execute(Tuple.of(ids.toArray(Long[]::new), (double) lease.toMillis() / 1000, owner)))
                .map(rows -> {
                    java.util.Set<Long> renewed = new java.util.HashSet<>();
                    rows.forEach(r -> renewed.add(r.getLong(0)));
                    return renewed;
                });
    }

    /** Hands leased deliveries back to the queue, due at {@code until} at the earliest, without an attempt. */
    public Uni<Void> handBack(List<Long> ids, Instant until) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Deadlocks.retried(pool.preparedQuery("""
                UPDATE delivery SET next_attempt_at = GREATEST(next_attempt_at, $2), lease_until = NULL
                WHERE id = ANY($1) AND status = 'pending'""")
                .execute(Tuple.of(ids.toArray(Long[]::new), utc(until)))).replaceWithVoid();
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
