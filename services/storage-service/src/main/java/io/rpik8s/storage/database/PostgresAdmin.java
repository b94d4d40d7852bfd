package io.rpik8s.storage.database;

import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.storage.config.StorageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The admin connection to the platform's PostgreSQL: creates and drops app roles and databases. Plain JDBC because
 * {@code CREATE DATABASE} must run outside a transaction on a dedicated connection; every method blocks and is
 * called on a worker thread.
 */
@ApplicationScoped
public class PostgresAdmin {

    private final String url;
    private final String username;
    private final String password;
    private final String appHost;
    private final int appPort;

    public PostgresAdmin(StorageConfig config,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String datasourceUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> datasourceUser,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> datasourcePassword) {
        StorageConfig.Databases db = config.databases();
        this.url = db.adminUrl().orElse(datasourceUrl);
        this.username = db.username().orElse(datasourceUser.orElse("postgres"));
        this.password = db.password().orElse(datasourcePassword.orElse(""));
        URI parsed = URI.create(url.replaceFirst("^jdbc:", ""));
        this.appHost = db.host().orElse(parsed.getHost());
        this.appPort = db.port().orElse(parsed.getPort() < 0 ? 5432 : parsed.getPort());
    }

    /** Host apps connect to. */
    public String appHost() {
        return appHost;
    }

    /** Port apps connect to. */
    public int appPort() {
        return appPort;
    }

    public boolean exists(String database) {
        return query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                s.setString(1, database);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * Creates the login role and its database, reachable only by that role. A failure undoes only what this call
     * made: a database of that name that appeared meanwhile (another request, someone with psql) is never dropped.
     */
    public void create(String database, String role, String rolePassword) {
        run(s -> s.execute("CREATE ROLE " + DatabaseNames.quote(role) + " LOGIN PASSWORD "
                + DatabaseNames.literal(rolePassword)));
        boolean made = false;
        try {
            run(s -> s.execute("CREATE DATABASE " + DatabaseNames.quote(database) + " OWNER "
                    + DatabaseNames.quote(role)));
            made = true;
            run(s -> {
                s.execute("REVOKE CONNECT, TEMPORARY ON DATABASE " + DatabaseNames.quote(database) + " FROM PUBLIC");
                s.execute("GRANT CONNECT ON DATABASE " + DatabaseNames.quote(database) + " TO "
                        + DatabaseNames.quote(role));
            });
        } catch (RuntimeException e) {
            if (made) {
                drop(database, role);
            } else {
                run(s -> s.execute("DROP ROLE IF EXISTS " + DatabaseNames.quote(role)));
            }
            throw e;
        }
    }

    /** Drops the database (closing its connections) and its role; missing ones are fine. */
    public void drop(String database, String role) {
        run(s -> {
            s.execute("DROP DATABASE IF EXISTS " + DatabaseNames.quote(database) + " WITH (FORCE)");
            s.execute("DROP ROLE IF EXISTS " + DatabaseNames.quote(role));
        });
    }

    /** Sets the role's password; a stored verifier from {@link #passwordVerifier} is kept as is by PostgreSQL. */
    public void changePassword(String role, String newPassword) {
        run(s -> s.execute("ALTER ROLE " + DatabaseNames.quote(role) + " PASSWORD "
                + DatabaseNames.literal(newPassword)));
    }

    /**
     * The role's stored password verifier (a SCRAM or MD5 hash), which {@link #changePassword} accepts back as is;
     * empty when this admin may not read {@code pg_authid} (not a superuser).
     */
    public Optional<String> passwordVerifier(String role) {
        return query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT rolpassword FROM pg_authid WHERE rolname = ?")) {
                s.setString(1, role);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
                }
            } catch (SQLException e) {
                if ("42501".equals(e.getSQLState())) {
                    return Optional.<String>empty();
                }
                throw e;
            }
        });
    }

    /** Sizes in bytes of the named databases that exist. */
    public Map<String, Long> sizes(Collection<String> databases) {
        return query(c -> {
            Map<String, Long> sizes = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT datname, pg_database_size(datname) FROM pg_database WHERE datname = ANY(?)")) {
                Array names = c.createArrayOf("text", databases.toArray());
                s.setArray(1, names);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        sizes.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return sizes;
        });
    }

    private void run(SqlWork work) {
        query(c -> {
            try (Statement s = c.createStatement()) {
                work.run(s);
            }
            return null;
        });
    }

    private <T> T query(SqlQuery<T> work) {
        try (Connection c = DriverManager.getConnection(url, username, password)) {
            return work.run(c);
        } catch (SQLException e) {
            // 42710 and 42P04 name the clash; two CREATE ROLE or CREATE DATABASE of one name at the same moment
            // meet at the catalog's unique index instead (23505).
            if ("42710".equals(e.getSQLState()) || "42P04".equals(e.getSQLState()) || "23505".equals(e.getSQLState())) {
                throw ApiProblem.conflict("a database or role of that name already exists");
            }
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                throw ApiProblem.unavailable("PostgreSQL cannot be reached", 5, e);
            }
            throw new IllegalStateException("PostgreSQL admin statement failed: " + e.getSQLState(), e);
        }
    }

    private interface SqlWork {
        void run(Statement s) throws SQLException;
    }

    private interface SqlQuery<T> {
        T run(Connection c) throws SQLException;
    }
}
