package io.rpik8s.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rpik8s.localrun.auth.LocalSecrets;
import io.rpik8s.dev.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local run's PostgreSQL trusts no one: every role, postgres included, needs its password (scram-sha-256). */
class LocalPostgresTest {

    @TempDir
    Path dir;

    @Test
    void everyConnectionNeedsThePasswordAlsoAfterARestartOnTheSameData() throws Exception {
        String password = LocalSecrets.readOrCreate(dir.resolve("postgres-password"), 24);
        Path data = dir.resolve("postgres");
        int port = Ports.free();
        try (EmbeddedPostgres pg = EmbeddedPostgres.startEmbedded(data, port, password)) {
            assertRefusesWrongPasswords(pg.adminUrl(), password);
        }
        assertThat(Files.readString(data.resolve("pg_hba.conf"))).doesNotContain("trust");
        // The kept data directory starts again with the stored password, and still requires it.
        try (EmbeddedPostgres pg = EmbeddedPostgres.startEmbedded(data, port, password)) {
            assertRefusesWrongPasswords(pg.adminUrl(), password);
        }
    }

    private static void assertRefusesWrongPasswords(String url, String password) throws SQLException {
        for (String wrong : new String[] {"", "postgres", password + "x"}) {
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", wrong).close())
                    .as("password '%s'", wrong).isInstanceOf(SQLException.class)
                    .hasMessageContaining("authentication");
        }
        try (Connection c = DriverManager.getConnection(url, "postgres", password)) {
            assertThat(c.isValid(5)).isTrue();
        }
    }
}
