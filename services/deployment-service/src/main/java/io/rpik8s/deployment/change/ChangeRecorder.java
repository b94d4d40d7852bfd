package io.rpik8s.deployment.change;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rpik8s.commons.outbox.OutboxStore;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.PlatformEvent;
import io.rpik8s.model.plugin.AppRef;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.jboss.logging.Logger;

/** Stores a change's audit entry and its event in one transaction, then wakes the outbox relay. */
@ApplicationScoped
public class ChangeRecorder {

    private static final Logger LOG = Logger.getLogger(ChangeRecorder.class);

    private final Pool pool;
    private final OutboxStore outbox;
    private final ObjectMapper mapper;

    public ChangeRecorder(Pool pool, OutboxStore outbox, ObjectMapper mapper) {
        this.pool = pool;
        this.outbox = outbox;
        this.mapper = mapper;
    }

    /** An accepted change: audit row and event commit together or not at all. */
    public Uni<Void> succeeded(String actor, AppRef app, String action, Object details, PlatformEvent event) {
        return outbox.commit(tx -> audit(tx, actor, app, action, details, "succeeded", null),
                EventEnvelope.of(AppChanges.SERVICE, event));
    }

    /** A refused or failed change: audited, never announced. Never fails the caller's pipeline. */
    public Uni<Void> failed(String actor, AppRef app, String action, Object details, String message) {
        return audit(pool, actor, app, action, details, "failed", message)
                .onFailure().invoke(e -> LOG.warnf("Could not audit failed %s of %s: %s", action, app, e.getMessage()))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> audit(SqlClient sql, String actor, AppRef app, String action, Object details, String result,
            String message) {
        return sql.preparedQuery("""
                        INSERT INTO audit_log (actor, namespace, name, action, details, result, message)
                        VALUES ($1, $2, $3, $4, $5, $6, $7)""")
                .execute(Tuple.from(new Object[] {actor, app.namespace(), app.name(), action, json(details), result,
                        message}))
                .replaceWithVoid();
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
