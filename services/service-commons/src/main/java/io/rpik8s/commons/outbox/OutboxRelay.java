package io.rpik8s.commons.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.rpik8s.commons.drain.DrainLoop;
import io.rpik8s.commons.messaging.PlatformEventPublisher;
import io.rpik8s.commons.tracing.TraceContext;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.EventJson;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in order and marks them published once the broker acknowledged them. Rows are
 * locked with {@code SKIP LOCKED}, so replicas never publish the same row at once; when Kafka is down the round
 * stops at the first failure and the rows wait for the next round: nothing is lost, and an event id is never reused.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Instance<Pool> pool;
    private final Instance<PlatformEventPublisher> publisher;
    private final OutboxConfig config;
    private final DrainLoop loop;
    private final AtomicLong pending = new AtomicLong();
    private final Counter published;
    private final Counter failures;

    public OutboxRelay(Instance<Pool> pool, Instance<PlatformEventPublisher> publisher, OutboxConfig config,
            MeterRegistry registry) {
        this.pool = pool;
        this.publisher = publisher;
        this.config = config;
        this.published = Counter.builder("platform.outbox.published").description("Outbox events published to Kafka")
                .register(registry);
        this.failures = Counter.builder("platform.outbox.failures")
                .description("Outbox relay rounds stopped by a publishing failure").register(registry);
        registry.gauge("platform.outbox.pending", pending);
        // A full batch may leave more behind: the next round starts at once. A failed one waits for a wake.
        this.loop = new DrainLoop(() -> relayRound().map(count -> count == config.batchSize()),
                e -> LOG.debugf("Outbox relay round failed: %s", e.getMessage()));
    }

    /** Runs a round now (or right after the current one). */
    public void wake() {
        loop.wake();
    }

    /** Shutdown: no round after this; what is still pending is relayed by the next start. */
    void stop(@Observes ShutdownEvent shutdown) {
        loop.stop();
    }

    @Scheduled(every = "${platform.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = RelayDisabled.class)
    Uni<Void> tick() {
        // Returns a Uni so that the scheduler calls it on the event loop, where the relay's rounds run.
        loop.wake();
        return Uni.createFrom().voidItem();
    }

    @Scheduled(every = "1h", delayed = "1m", skipExecutionIf = RelayDisabled.class)
    Uni<Void> purge() {
        return pool.get().preparedQuery("DELETE FROM outbox WHERE published_at < $1")
                .execute(Tuple.of(OffsetDateTime.now().minus(config.retention())))
                .invoke(rows -> {
                    if (rows.rowCount() > 0) {
                        LOG.debugf("Purged %d published outbox rows", rows.rowCount());
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Integer> relayRound() {
        return pool.get().withTransaction(conn -> conn.preparedQuery("""
                        SELECT seq, event_id, event_type, source, subject, event_time, data, trace_parent, trace_state
                        FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED""")
                .execute(Tuple.of(config.batchSize()))
                .chain(rows -> {
                    List<Row> batch = new ArrayList<>();
                    rows.forEach(batch::add);
                    return publishInOrder(conn, batch);
                }))
                .call(count -> countPending());
    }

    private Uni<Integer> publishInOrder(SqlConnection conn, List<Row> batch) {
        List<Long> done = new ArrayList<>();
        return Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndConcatenate(row -> publisher.get().publish(envelopeOf(row), traceOf(row))
                        .replaceWith(row.getLong("seq")))
                .onItem().invoke(done::add)
                .collect().asList()
                .replaceWith(Boolean.TRUE)
                .onFailure().recoverWithUni(e -> {
                    failures.increment();
                    Row failed = batch.get(done.size());
                    LOG.warnf("Outbox relay paused at event %s: %s", failed.getUUID("event_id"), e.getMessage());
                    // Record the failure on the row that could not be sent; what was acknowledged stays published.
                    return conn.preparedQuery("UPDATE outbox SET attempts = attempts + 1, last_error = $2 "
                                    + "WHERE seq = $1")
                            .execute(Tuple.of(failed.getLong("seq"), String.valueOf(e.getMessage())))
                            .replaceWith(Boolean.FALSE);
                })
                .chain(() -> done.isEmpty() ? Uni.createFrom().item(0)
                        : conn.preparedQuery("UPDATE outbox SET published_at = now(), attempts = attempts + 1, "
                                        + "last_error = NULL WHERE seq = ANY($1)")
                                .execute(Tuple.of(done.toArray(new Long[0])))
                                .invoke(() -> published.increment(done.size()))
                                .replaceWith(done.size()));
    }

    private Uni<Void> countPending() {
        return pool.get().query("SELECT count(*) FROM outbox WHERE published_at IS NULL").execute()
                .invoke(rows -> pending.set(rows.iterator().next().getLong(0)))
                .replaceWithVoid();
    }

    private static EventEnvelope envelopeOf(Row row) {
        var data = EventJson.read(row.getString("data"));
        return new EventEnvelope(row.getUUID("event_id").toString(), row.getString("event_type"),
                URI.create(row.getString("source")), row.getString("subject"),
                row.getOffsetDateTime("event_time").toInstant(), data);
    }

    private static Context traceOf(Row row) {
        return TraceContext.parentOf(row.getString("trace_parent"), row.getString("trace_state"));
    }

    /** Skips relay rounds when disabled by configuration. */
    @ApplicationScoped
    public static class RelayDisabled implements Scheduled.SkipPredicate {

        private final OutboxConfig config;

        public RelayDisabled(OutboxConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.relayEnabled();
        }
    }
}
