package io.rpik8s.deployment.rollout;

import io.rpik8s.commons.outbox.OutboxStore;
import io.rpik8s.model.events.EventEnvelope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Announces a rollout outcome once per Deployment revision: the marker row and the event commit together. */
@ApplicationScoped
public class RolloutOutcomes {

    private final Pool pool;
    private final OutboxStore outbox;

    public RolloutOutcomes(Pool pool, OutboxStore outbox) {
        this.pool = pool;
        this.outbox = outbox;
    }

    /** Emits {@code event} unless this outcome of this revision was announced before; true when emitted. */
    public Uni<Boolean> announceOnce(String uid, long revision, String outcome, String namespace, String name,
            EventEnvelope event) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                        INSERT INTO rollout_outcome (uid, revision, outcome, namespace, name)
                        VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING""")
                        .execute(Tuple.of(uid, revision, outcome, namespace, name))
                        .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                                : outbox.append(tx, event).replaceWith(true)))
                .invoke(emitted -> {
                    if (emitted) {
                        outbox.wakeRelay();
                    }
                });
    }
}
