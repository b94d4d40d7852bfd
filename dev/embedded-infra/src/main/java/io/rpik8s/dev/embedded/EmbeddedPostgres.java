package io.rpik8s.dev.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A real PostgreSQL server: the one named by {@code PLATFORM_TEST_DB_URL} (a JDBC URL to a maintenance database,
 * with {@code PLATFORM_TEST_DB_USERNAME}/{@code PLATFORM_TEST_DB_PASSWORD}), else embedded PostgreSQL 16 binaries
 * started in a temporary directory. Each test application gets a fresh database of its own.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static EmbeddedPostgres shared;

    private final String adminUrl;
    private final String username;
    private final String password;
    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres embedded;

    private EmbeddedPostgres(String adminUrl, String username, String password,
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres embedded) {
        this.adminUrl = adminUrl;
        this.username = username;
        this.password = password;
        this.embedded = embedded;
    }

    /** The server shared by every test of this JVM. */
    public static synchronized EmbeddedPostgres shared() {
        if (shared == null) {
            String url = System.getenv("PLATFORM_TEST_DB_URL");
            if (url != null && !url.isBlank()) {
                shared = new EmbeddedPostgres(url, envOr("PLATFORM_TEST_DB_USERNAME", "postgres"),
                        envOr("PLATFORM_TEST_DB_PASSWORD", ""), null);
            } else {
                shared = startEmbedded(null, 0);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "embedded-postgres-stop"));
        }
        return shared;
    }

    /** Starts embedded binaries with data in {@code dataDir} (kept, when given) on {@code port} (0: any). */
    public static EmbeddedPostgres startEmbedded(Path dataDir, int port) {
        return startEmbedded(dataDir, port, null);
    }

    /**
     * Starts embedded binaries with data in {@code dataDir} (kept, when given) on {@code port} (0: any); with a
     * {@code password}, the server then requires it (scram-sha-256) from every connection, {@code postgres} included,
     * instead of trusting every local one.
     */
    public static EmbeddedPostgres startEmbedded(Path dataDir, int port, String password) {
        try {
            var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setPort(port == 0 ? FreePorts.next() : port)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("max_connections", "200");
            if (dataDir != null) {
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            if (password != null) {
                // initdb trusts everyone: the first start logs in without it, later ones (scram) need it.
                builder.setConnectConfig("password", password);
            }
            var pg = builder.start();
            if (password != null) {
                requirePasswords(pg, password);
            }
            return new EmbeddedPostgres("jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres", "postgres",
                    password == null ? "" : password, pg);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Embedded PostgreSQL did not start", e);
        }
    }

    private static void requirePasswords(io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg, String password)
            throws SQLException, IOException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("ALTER ROLE postgres PASSWORD '" + password.replace("'", "''") + "'");
            java.nio.file.Files.writeString(Path.of(dataDirectory(s)).resolve("pg_hba.conf"), """
                    # Written by EmbeddedPostgres: every connection needs its role's password.
                    local all all scram-sha-256
                    host  all all 127.0.0.1/32 scram-sha-256
                    host  all all ::1/128 scram-sha-256
                    """);
            s.execute("SELECT pg_reload_conf()");
        }
    }

    private static String dataDirectory(Statement s) throws SQLException {
        try (var rs = s.executeQuery("SHOW data_directory")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Creates a new empty database and returns its coordinates. */
    public Database createDatabase(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .toLowerCase(java.util.Locale.ROOT);
        execute("CREATE DATABASE " + name);
        return database(name);
    }

    /** Coordinates of an existing database on this server. */
    public Database database(String name) {
        String base = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1);
        String jdbc = base + name;
        return new Database(name, jdbc, jdbc.replaceFirst("^jdbc:", ""), username, password);
    }

    public void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** Runs one statement on the maintenance database as the admin user. */
    public void execute(String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl, username, password);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + sql, e);
        }
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    public String adminUrl() {
        return adminUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                // The JVM is going away; nothing useful to do with a failed stop.
            }
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    /**
     * One database: its name, JDBC URL, reactive-client URL ({@code postgresql://...}) and credentials.
     */
    public record Database(String name, String jdbcUrl, String reactiveUrl, String username, String password) {
    }
}
