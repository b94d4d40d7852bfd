package io.rpik8s.webhook.store;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code endpoint} table. */
@ApplicationScoped
public class EndpointStore {

    private final Pool pool;
    private final EndpointChanges changes;

    public EndpointStore(Pool pool, EndpointChanges changes) {
        this.pool = pool;
        this.changes = changes;
    }

    public Uni<List<Endpoint>> list() {
        return pool.query("SELECT * FROM endpoint ORDER BY created_at, id").execute()
                .map(rows -> rows.stream().map(EndpointStore::map).toList());
    }

    /** Enabled endpoints, ordered by id (read through {@link EnabledEndpoints} when recording events). */
    Uni<List<Endpoint>> listEnabled() {
        return pool.query("SELECT * FROM endpoint WHERE enabled ORDER BY id").execute()
                .map(rows -> rows.stream().map(EndpointStore::map).toList());
    }

    public Uni<Endpoint> get(String id) {
        return pool.preparedQuery("SELECT * FROM endpoint WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 0 ? null : map(rows.iterator().next()));
    }

    /** Inserts, or replaces everything but secrets and timestamps of an existing row with the same id. */
    public Uni<Endpoint> upsert(Endpoint e) {
        return pool.preparedQuery("""
                INSERT INTO endpoint (id, url, description, enabled, disabled_reason, filter_types,
                    namespaces_include, namespaces_exclude, headers, rate_limit_per_second, retry_schedule, secret,
                    ed25519_private_key, ed25519_public_key, is_static)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
                ON CONFLICT (id) DO UPDATE SET url = $2, description = $3, enabled = $4, disabled_reason = $5,
                    filter_types = $6, namespaces_include = $7, namespaces_exclude = $8, headers = $9,
                    rate_limit_per_second = $10, retry_schedule = $11,
                    ed25519_private_key = CASE WHEN $13::text IS NULL THEN NULL
                        ELSE COALESCE(endpoint.ed25519_private_key, $13) END,
                    ed25519_public_key = CASE WHEN $14::text IS NULL THEN NULL
                        ELSE COALESCE(endpoint.ed25519_public_key, $14) END,
                    failing_since = CASE WHEN $4 THEN NULL ELSE endpoint.failing_since END, updated_at = now()
                RETURNING *""")
                .execute(Tuple.from(Arrays.asList(e.id(), e.url(), e.description(), e.enabled(), e.disabledReason(),
                        e.filterTypes().toArray(String[]::new), e.namespacesInclude().toArray(String[]::new),
                        e.namespacesExclude().toArray(String[]::new), new JsonObject(Map.copyOf(e.headers())),
                        e.rateLimitPerSecond(), e.retrySchedule(), e.secret(), e.ed25519PrivateKey(),
                        e.ed25519PublicKey(), e.isStatic())))
                .map(rows -> map(rows.iterator().next()))
                .invoke(changes::changed);
    }

    /** Sets a static endpoint's secret when configuration gives one (configuration wins over the stored one). */
    public Uni<Void> setSecret(String id, String secret) {
        return pool.preparedQuery("UPDATE endpoint SET secret = $2 WHERE id = $1").execute(Tuple.of(id, secret))
                .replaceWithVoid()
                .invoke(changes::changed);
    }

    public Uni<Endpoint> rotate(String id, String newSecret, Instant previousUntil) {
        return pool.preparedQuery("""
                UPDATE endpoint SET previous_secret = secret, previous_secret_until = $3, secret = $2,
                    updated_at = now() WHERE id = $1 RETURNING *""")
                .execute(Tuple.of(id, newSecret, utc(previousUntil)))
                .map(rows -> rows.rowCount() == 0 ? null : map(rows.iterator().next()))
                .invoke(changes::changed);
    }

    public Uni<Endpoint> setEnabled(String id, boolean enabled, String reason) {
        return pool.preparedQuery("""
                UPDATE endpoint SET enabled = $2, disabled_reason = $3, updated_at = now(),
                    failing_since = CASE WHEN $2 THEN NULL ELSE failing_since END
                WHERE id = $1 RETURNING *""")
                .execute(Tuple.of(id, enabled, reason))
                .map(rows -> rows.rowCount() == 0 ? null : map(rows.iterator().next()))
                .invoke(changes::changed);
    }

    /** Disables an enabled endpoint; empty when it was already disabled (so only one event is emitted). */
    public Uni<Endpoint> disableIfEnabled(String id, String reason) {
        return pool.preparedQuery("""
                UPDATE endpoint SET enabled = false, disabled_reason = $2, updated_at = now()
                WHERE id = $1 AND enabled RETURNING *""")
                .execute(Tuple.of(id, reason))
                .map(rows -> rows.rowCount() == 0 ? null : map(rows.iterator().next()))
                .invoke(changes::changed);
    }

    /**
     * Records a success (clears the failing streak) or a failure (starts it); returns the streak start. Not marked as a
     * change here: a failure while failing changes nothing, and a streak that starts or ends is heard through its notice.
     */
    public Uni<Instant> recordOutcome(String id, boolean success) {
        String sql = success
                ? "UPDATE endpoint SET failing_since = NULL WHERE id = $1 RETURNING failing_since"
                : "UPDATE endpoint SET failing_since = COALESCE(failing_since, now()) WHERE id = $1"
                        + " RETURNING failing_since";
        return pool.preparedQuery(sql).execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 0 ? null : instant(rows.iterator().next().getOffsetDateTime(0)));
    }

    /** Deletes an endpoint with its deliveries and their attempts (cascades). */
    public Uni<Boolean> delete(String id) {
        return Deadlocks.retried(pool.preparedQuery("DELETE FROM endpoint WHERE id = $1").execute(Tuple.of(id)))
                .map(rows -> rows.rowCount() > 0)
                .invoke(changes::changed);
    }

    public Uni<Long> countDisabled() {
        return pool.query("SELECT count(*) FROM endpoint WHERE NOT enabled").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Maps a row holding the endpoint columns (also joined rows of the delivery queue). */
    public static Endpoint mapRow(Row r) {
        return map(r);
    }

    static Endpoint map(Row r) {
        JsonObject headers = r.getJsonObject("headers");
        Map<String, String> h = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach(en -> h.put(en.getKey(), String.valueOf(en.getValue())));
        }
        return new Endpoint(r.getString("id"), r.getString("url"), r.getString("description"),
                r.getBoolean("enabled"), r.getString("disabled_reason"), strings(r, "filter_types"),
                strings(r, "namespaces_include"), strings(r, "namespaces_exclude"), h,
                r.getInteger("rate_limit_per_second"), r.getString("retry_schedule"), r.getString("secret"),
                r.getString("previous_secret"), instant(r.getOffsetDateTime("previous_secret_until")),
                r.getString("ed25519_private_key"), r.getString("ed25519_public_key"), r.getBoolean("is_static"),
                instant(r.getOffsetDateTime("failing_since")), instant(r.getOffsetDateTime("created_at")),
                instant(r.getOffsetDateTime("updated_at")));
    }

    private static List<String> strings(Row r, String column) {
        String[] values = r.getArrayOfStrings(column);
        return values == null ? List.of() : List.of(values);
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
