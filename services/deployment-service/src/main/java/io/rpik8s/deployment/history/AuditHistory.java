package io.rpik8s.deployment.history;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.rpik8s.model.api.Page;
import io.rpik8s.model.api.PageRequest;
import io.rpik8s.model.plugin.AppRef;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Reads an app's audit history, newest first. */
@ApplicationScoped
public class AuditHistory {

    private final Pool pool;

    public AuditHistory(Pool pool) {
        this.pool = pool;
    }

    @WithSpan("AuditHistory.of")
    public Uni<Page<AuditEntry>> of(AppRef app, PageRequest page) {
        Uni<Long> total = pool.preparedQuery("SELECT count(*) FROM audit_log WHERE namespace = $1 AND name = $2")
                .execute(Tuple.of(app.namespace(), app.name()))
                .map(rows -> rows.iterator().next().getLong(0));
        Uni<List<AuditEntry>> items = pool.preparedQuery("""
                        SELECT id, at, actor, action, details, result, message FROM audit_log
                        WHERE namespace = $1 AND name = $2 ORDER BY at DESC, id DESC LIMIT $3 OFFSET $4""")
                .execute(Tuple.of(app.namespace(), app.name(), page.size(), (long) page.page() * page.size()))
                .map(rows -> {
                    List<AuditEntry> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new AuditEntry(r.getLong("id"), r.getOffsetDateTime("at"), r.getString("actor"),
                                r.getString("action"), r.getJsonObject("details").getMap(), r.getString("result"),
                                r.getString("message")));
                    }
                    return out;
                });
        return Uni.combine().all().unis(items, total).asTuple()
                .map(t -> new Page<>(t.getItem1(), page.page(), page.size(), t.getItem2()));
    }
}
