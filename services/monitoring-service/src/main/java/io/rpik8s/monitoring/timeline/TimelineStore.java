package io.rpik8s.monitoring.timeline;

import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.EventJson;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The rollout timeline in PostgreSQL; a redelivered event (same CloudEvents id) is stored once. */
@ApplicationScoped
public class TimelineStore {

    private final Pool pool;

    public TimelineStore(Pool pool) {
        this.pool = pool;
    }

    /** Stores the event; true when it was new. */
    public Uni<Boolean> add(EventEnvelope e, String traceId) {
        var d = e.data().deployment();
        return pool.preparedQuery("""
                        INSERT INTO deployment_timeline (ce_id, ce_type, ce_source, ce_time, namespace, name,
                                                         trace_id, data)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (ce_id) DO NOTHING""")
                .execute(Tuple.from(new Object[] {e.id(), e.type(), e.source().toString(),
                        e.time().atOffset(ZoneOffset.UTC), d.namespace(), d.name(), traceId,
                        new JsonObject(EventJson.write(e.data()))}))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<List<TimelineEntry>> of(String namespace, String name, int limit) {
        return pool.preparedQuery("""
                        SELECT * FROM (SELECT * FROM deployment_timeline WHERE namespace = $1 AND name = $2
                                       ORDER BY ce_time DESC, received_at DESC LIMIT $3) recent
                        ORDER BY ce_time, received_at""")
                .execute(Tuple.of(namespace, name, limit))
                .map(rows -> {
                    List<TimelineEntry> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new TimelineEntry(r.getString("ce_id"), r.getString("ce_type"),
                            r.getString("ce_source"), r.getOffsetDateTime("ce_time").toInstant(),
                            r.getString("trace_id"),
                            EventJson.mapper().valueToTree(((JsonObject) r.getValue("data")).getMap()))));
                    return out;
                });
    }
}
