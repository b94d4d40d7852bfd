package io.rpik8s.deployment.change;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rpik8s.commons.audit.AuditedChanges;
import io.rpik8s.commons.outbox.OutboxStore;
import io.rpik8s.model.events.PlatformEvent;
import io.rpik8s.model.plugin.AppRef;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Stores a change of an app in {@code audit_log} and its event in the outbox, in one transaction. */
@ApplicationScoped
public class ChangeRecorder {

    private final ObjectMapper mapper;
    private final AuditedChanges<Entry> changes;

    /** One row of {@code audit_log}. */
    record Entry(String actor, AppRef app, String action, Object details, String result, String message) {
    }

    public ChangeRecorder(Pool pool, OutboxStore outbox, ObjectMapper mapper) {
        this.mapper = mapper;
        this.changes = new AuditedChanges<>(outbox, pool, AppChanges.SERVICE, this::audit);
    }

    /** An accepted change: audit row and event commit together or not at all. */
    public Uni<Void> succeeded(String actor, AppRef app, String action, Object details, PlatformEvent event) {
        return changes.succeeded(new Entry(actor, app, action, details, "succeeded", null), event);
    }

    /** A refused or failed change: audited, never announced. Never fails the caller's pipeline. */
    public Uni<Void> failed(String actor, AppRef app, String action, Object details, String message) {
        return changes.failed(new Entry(actor, app, action, details, "failed", message));
    }

    private Uni<?> audit(SqlClient sql, Entry e) {
        return sql.preparedQuery("""
                        INSERT INTO audit_log (actor, namespace, name, action, details, result, message)
                        VALUES ($1, $2, $3, $4, $5, $6, $7)""")
                .execute(Tuple.from(new Object[] {e.actor(), e.app().namespace(), e.app().name(), e.action(),
                        json(e.details()), e.result(), e.message()}));
    }

    private JsonObject json(Object details) {
        if (details == null) {
            return new JsonObject();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = mapper.convertValue(details, Map.class);
        return new JsonObject(map);
    }
}
