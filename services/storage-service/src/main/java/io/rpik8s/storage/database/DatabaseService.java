package io.rpik8s.storage.database;

import static io.rpik8s.storage.config.Workers.blocking;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.model.api.Page;
import io.rpik8s.model.api.PageRequest;
import io.rpik8s.model.events.DatabasePayload;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.model.events.PlatformEvent;
import io.rpik8s.storage.audit.ChangeRecorder;
import io.rpik8s.storage.database.DatabaseDtos.DatabaseView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Databases and login roles for apps, with their connection Secret; the service's record is {@code app_database}.
 * JDBC admin statements and Fabric8 calls block, so they run through {@link io.rpik8s.storage.config.Workers}.
 */
@ApplicationScoped
public class DatabaseService {

    private static final Logger LOG = Logger.getLogger(DatabaseService.class);

    private final Pool pool;
    private final PostgresAdmin admin;
    private final ConnectionSecrets secrets;
    private final ChangeRecorder changes;

    public DatabaseService(Pool pool, PostgresAdmin admin, ConnectionSecrets secrets, ChangeRecorder changes) {
        this.pool = pool;
        this.admin = admin;
        this.secrets = secrets;
        this.changes = changes;
    }

    @WithSpan("DatabaseService.list")
    public Uni<Page<DatabaseView>> list(PageRequest request) {
        return pool.query("SELECT * FROM app_database ORDER BY name").execute()
                .map(rows -> {
                    List<Row> list = new ArrayList<>();
                    rows.forEach(list::add);
                    return Page.of(list, request);
                })
                // Sizes only for the page's databases: pg_database_size walks each database's files.
                .chain(page -> blocking(() -> admin.sizes(page.items().stream().map(r -> r.getString("name"))
                        .toList())).map(sizes -> page.map(r -> view(r, sizes))));
    }

    @WithSpan("DatabaseService.get")
    public Uni<DatabaseView> get(String name) {
        return find(name).chain(r -> blocking(() -> admin.sizes(List.of(name))).map(sizes -> view(r, sizes)));
    }

    /**
     * Creates role, database and Secret, then records the database and appends {@code database.created} in one
     * transaction; any failure undoes what was already created.
     */
    @WithSpan("DatabaseService.create")
    public Uni<DatabaseView> create(String name, String namespace, String secretName, String actor) {
        String role = DatabaseNames.roleOf(name);
        String password = PasswordGenerator.next();
        DatabasePayload payload = new DatabasePayload(name, role, namespace, secretName);
        return pool.preparedQuery("SELECT 1 FROM app_database WHERE name = $1").execute(Tuple.of(name))
                .chain(rows -> rows.size() > 0 ? Uni.createFrom().failure(
                        ApiProblem.conflict("database " + name + " is already provisioned")) : blocking(() -> {
                            if (admin.exists(name)) {
                                throw ApiProblem.conflict("database " + name + " already exists on the server");
                            }
                            admin.create(name, role, password);
                            try {
                                secrets.write(namespace, secretName, name, role, password);
                            } catch (RuntimeException e) {
                                admin.drop(name, role);
                                throw e;
                            }
                            return null;
                        }))
                .chain(() -> changes.record(PlatformEvent.database(EventTypes.DATABASE_CREATED, payload, actor),
                        tx -> tx.preparedQuery("""
                                        INSERT INTO app_database (name, owner_role, namespace, secret_name, created_by)
                                        VALUES ($1, $2, $3, $4, $5)""")
                                .execute(Tuple.of(name, role, namespace, secretName, actor)).replaceWithVoid())
                        .onFailure().call(e -> blocking(() -> {
                            LOG.warnf("Recording database %s failed (%s); undoing it", name, e.toString());
                            secrets.delete(namespace, secretName);
                            admin.drop(name, role);
                            return null;
                        })))
                .chain(() -> get(name));
    }

    /** Drops database and role, deletes the Secret, then removes the record and appends {@code database.dropped}. */
    @WithSpan("DatabaseService.drop")
    public Uni<Void> drop(String name, String actor) {
        return find(name).chain(r -> {
            DatabasePayload payload = payloadOf(r);
            return blocking(() -> {
                admin.drop(name, payload.owner());
                secrets.delete(payload.namespace(), payload.secretName());
                return null;
            }).chain(() -> changes.record(PlatformEvent.database(EventTypes.DATABASE_DROPPED, payload, actor),
                    tx -> tx.preparedQuery("DELETE FROM app_database WHERE name = $1").execute(Tuple.of(name))
                            .replaceWithVoid()));
        });
    }

    /** Sets a new generated password on the role and in the Secret, then appends {@code database.password_rotated}. */
    @WithSpan("DatabaseService.rotatePassword")
    public Uni<DatabaseView> rotatePassword(String name, String actor) {
        String password = PasswordGenerator.next();
        return find(name).chain(r -> {
            DatabasePayload payload = payloadOf(r);
            return blocking(() -> {
                rotate(name, payload, password);
                return null;
            }).chain(() -> changes.record(
                    PlatformEvent.database(EventTypes.DATABASE_PASSWORD_ROTATED, payload, actor)));
        }).chain(() -> get(name));
    }

    /**
     * Alters the role, then writes the Secret; when the Secret cannot be written the role gets its previous password
     * back (its stored verifier, else the password the Secret still holds), so role and Secret never disagree.
     */
    private void rotate(String name, DatabasePayload payload, String password) {
        String role = payload.owner();
        Optional<String> previous = admin.passwordVerifier(role)
                .or(() -> secrets.password(payload.namespace(), payload.secretName()));
        admin.changePassword(role, password);
        try {
            secrets.write(payload.namespace(), payload.secretName(), name, role, password);
        } catch (RuntimeException e) {
            if (previous.isPresent()) {
                try {
                    admin.changePassword(role, previous.get());
                } catch (RuntimeException restoreFailure) {
                    e.addSuppressed(restoreFailure);
                    LOG.errorf(restoreFailure, "Role %s has a new password that its Secret %s/%s lacks", role,
                            payload.namespace(), payload.secretName());
                }
            } else {
                LOG.errorf("Role %s has a new password that its Secret %s/%s lacks (previous one unknown)", role,
                        payload.namespace(), payload.secretName());
            }
            throw e;
        }
    }

    private Uni<Row> find(String name) {
        return pool.preparedQuery("SELECT * FROM app_database WHERE name = $1").execute(Tuple.of(name))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ApiProblem.notFound("database " + name + " is not provisioned by the platform");
                    }
                    return rows.iterator().next();
                });
    }

    private static DatabasePayload payloadOf(Row r) {
        return new DatabasePayload(r.getString("name"), r.getString("owner_role"), r.getString("namespace"),
                r.getString("secret_name"));
    }

    private static DatabaseView view(Row r, Map<String, Long> sizes) {
        OffsetDateTime created = r.getOffsetDateTime("created_at");
        return new DatabaseView(r.getString("name"), r.getString("owner_role"), r.getString("namespace"),
                r.getString("secret_name"), sizes.get(r.getString("name")),
                created == null ? null : created.toInstant(), r.getString("created_by"));
    }
}
