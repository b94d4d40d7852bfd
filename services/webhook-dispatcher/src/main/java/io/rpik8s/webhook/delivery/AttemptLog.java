package io.rpik8s.webhook.delivery;

import io.rpik8s.webhook.store.Deadlocks;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes attempts and their deliveries' new state: two rows per attempt, and for all the attempts that finished while
 * the previous write ran, one statement (one commit) together. Without a write in progress an outcome is written at
 * once, so batching adds no delay at a low rate and saves commits at a high one.
 */
@ApplicationScoped
public class AttemptLog {

    private static final int MAX_BATCH = 500;

    private final Pool pool;
    private final Queue<Outcome> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    public AttemptLog(Pool pool) {
        this.pool = pool;
    }

    /**
     * An attempt to record.
     *
     * @param delivery      the delivery attempted
     * @param result        what the attempt gave
     * @param attemptedAt   when it started
     * @param outcome       the attempt's outcome (succeeded, retrying, failed, blocked, gone)
     * @param status        the delivery's new status (succeeded, pending, failed)
     * @param nextAttemptAt when a pending delivery is due again, null otherwise
     */
    public record Outcome(DueDelivery delivery, AttemptResult result, Instant attemptedAt, String outcome,
            String status, Instant nextAttemptAt, CompletableFuture<Void> written) {
    }

    /** Records the attempt and the delivery's new state atomically; completes once they are committed. */
    public Uni<Void> record(DueDelivery d, AttemptResult result, Instant attemptedAt, String outcome, String status,
            Instant nextAttemptAt) {
        Outcome o = new Outcome(d, result, attemptedAt, outcome, status, nextAttemptAt, new CompletableFuture<>());
        pending.add(o);
        writeNext();
        return Uni.createFrom().completionStage(o.written());
    }

    private void writeNext() {
        if (!writing.compareAndSet(false, true)) {
            return;
        }
        List<Outcome> batch = new ArrayList<>();
        for (Outcome o = pending.poll(); o != null; o = batch.size() < MAX_BATCH ? pending.poll() : null) {
            batch.add(o);
        }
        if (batch.isEmpty()) {
            writing.set(false);
            if (!pending.isEmpty()) {
                writeNext(); // added after the poll, before the flag was cleared
            }
            return;
        }
        write(batch).subscribe().with(v -> {
            batch.forEach(o -> o.written().complete(null));
            writing.set(false);
            writeNext();
        }, e -> {
            batch.forEach(o -> o.written().completeExceptionally(e));
            writing.set(false);
            writeNext();
        });
    }

    private Uni<Void> write(List<Outcome> batch) {
        int n = batch.size();
        Long[] ids = new Long[n];
        String[] messages = new String[n];
        String[] endpoints = new String[n];
        Integer[] numbers = new Integer[n];
        String[] outcomes = new String[n];
        Integer[] codes = new Integer[n];
        Long[] latencies = new Long[n];
        String[] excerpts = new String[n];
        String[] errors = new String[n];
        String[] statuses = new String[n];
        OffsetDateTime[] next = new OffsetDateTime[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            Outcome o = batch.get(i);
            DueDelivery d = o.delivery();
            ids[i] = d.id();
            messages[i] = d.messageId();
            endpoints[i] = d.endpoint().id();
            numbers[i] = d.attemptsMade() + 1;
            outcomes[i] = o.outcome();
            codes[i] = o.result().statusCode();
            latencies[i] = o.result().latencyMs();
            excerpts[i] = o.result().responseExcerpt();
            errors[i] = o.result().error();
            statuses[i] = o.status();
            next[i] = DeliveryQueue.utc(o.nextAttemptAt());
            at[i] = DeliveryQueue.utc(o.attemptedAt());
        }
        // One statement: the attempts and the deliveries' states commit together or not at all. A delivery deleted
        // with its endpoint or message while attempted has no attempt to record: only the deliveries the update
        // found (and locked against such a delete until the commit) get theirs. Inserted for a delivery that is
        // gone, the attempt's reference would fail the whole statement, and with it the outcomes of every other
        // endpoint written with it (sent again when their leases ran out).
        return Deadlocks.retried(pool.preparedQuery("""
                WITH d AS (
                    UPDATE delivery d SET status = u.status, attempt_count = d.attempt_count + 1, lease_until = NULL,
                        next_attempt_at = COALESCE(u.next_at, d.next_attempt_at), last_status_code = u.code,
                        last_error = u.error, updated_at = now()
                    FROM unnest($1::bigint[], $10::text[], $11::timestamptz[], $6::int[], $9::text[])
                        AS u(id, status, next_at, code, error)
                    WHERE d.id = u.id
                    RETURNING d.id)
                INSERT INTO attempt (delivery_id, message_id, endpoint_id, attempt_number, outcome, status_code,
                    latency_ms, response_excerpt, error, attempted_at)
                SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::text[], $6::int[],
                    $7::bigint[], $8::text[], $9::text[], $12::timestamptz[]) AS t(id)
                WHERE t.id IN (SELECT id FROM d)""")
                .execute(Tuple.tuple().addArrayOfLong(ids).addArrayOfString(messages).addArrayOfString(endpoints)
                        .addArrayOfInteger(numbers).addArrayOfString(outcomes).addArrayOfInteger(codes)
                        .addArrayOfLong(latencies).addArrayOfString(excerpts).addArrayOfString(errors)
                        .addArrayOfString(statuses).addArrayOfOffsetDateTime(next).addArrayOfOffsetDateTime(at)))
                .replaceWithVoid();
    }
}
