package io.rpik8s.localrun;

import io.rpik8s.localrun.auth.LocalSecrets;
import io.rpik8s.dev.embedded.EmbeddedKafka;
import io.rpik8s.dev.embedded.EmbeddedPostgres;
import io.rpik8s.dev.embedded.EmbeddedS3;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local run's Kafka, PostgreSQL and S3: each the one the environment configures, else an embedded one with its
 * data in {@code .local/}, its stop step registered as soon as it runs and its address added to the banner's list.
 */
final class LocalInfrastructure {

    private static final Logger LOG = LoggerFactory.getLogger(LocalInfrastructure.class);

    private final LocalPaths paths;
    private final Map<String, String> env;
    private final Shutdown shutdown;
    private final Map<String, String> endpoints;

    LocalInfrastructure(LocalPaths paths, Map<String, String> env, Shutdown shutdown, Map<String, String> endpoints) {
        this.paths = paths;
        this.env = env;
        this.shutdown = shutdown;
        this.endpoints = endpoints;
    }

    private record Database(String jdbcUrl, String username, String password) {
    }

    /** Kafka: the configured one, else an embedded broker with {@code topics}; answers its bootstrap servers. */
    String kafka(List<String> topics) {
        String external = env.get("KAFKA_BOOTSTRAP_SERVERS");
        if (external != null && !external.isBlank()) {
            endpoints.put("Kafka (external)", external);
            return external;
        }
        EmbeddedKafka kafka = new EmbeddedKafka(paths.kafkaData(), Ports.preferred(9092)).start();
        kafka.createTopics(topics.toArray(String[]::new));
        shutdown.then("Kafka", kafka::close);
        endpoints.put("Kafka (embedded KRaft broker)", kafka.bootstrapServers());
        LOG.info("Kafka broker on {} (data in {}), topics {}", kafka.bootstrapServers(), paths.kafkaData(), topics);
        return kafka.bootstrapServers();
    }

    /** PostgreSQL: the configured server, else an embedded one with the database {@code platform}; the services' settings. */
    Map<String, String> postgres() throws IOException {
        Database db = startPostgres();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
        settings.put("QUARKUS_DATASOURCE_REACTIVE_URL", db.jdbcUrl().replaceFirst("^jdbc:", ""));
        settings.put("QUARKUS_DATASOURCE_USERNAME", db.username());
        settings.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
        // monitoring-service probes PostgreSQL like any platform service: tell it where this one listens.
        settings.put("PLATFORM_LOCAL_POSTGRES_ADDRESS", URI.create(db.jdbcUrl().substring(5)).getAuthority());
        return settings;
    }

    /** S3: the configured server, else an embedded s3proxy; the services' settings. */
    Map<String, String> s3() throws Exception {
        Map<String, String> settings = startS3();
        // monitoring-service probes the S3 server in MinIO's place, by a connection (host:port).
        settings.put("PLATFORM_LOCAL_S3_ADDRESS", URI.create(settings.get("PLATFORM_STORAGE_S3_ENDPOINT")).getAuthority());
        settings.put("PLATFORM_STORAGE_S3_REGION", env.getOrDefault("PLATFORM_STORAGE_S3_REGION", "us-east-1"));
        return settings;
    }

    private Database startPostgres() throws IOException {
        String external = env.get("PLATFORM_DB_URL");
        if (external != null && !external.isBlank()) {
            endpoints.put("PostgreSQL (external)", external);
            return new Database(external, env.getOrDefault("PLATFORM_DB_USERNAME", "postgres"),
                    env.getOrDefault("PLATFORM_DB_PASSWORD", ""));
        }
        EmbeddedPostgres pg = EmbeddedPostgres.startEmbedded(paths.postgresData(), Ports.preferred(5433),
                LocalSecrets.readOrCreate(paths.postgresPassword(), 24));
        shutdown.then("PostgreSQL", pg::close);
        boolean exists = true;
        try {
            pg.execute("CREATE DATABASE platform");
            exists = false;
        } catch (IllegalStateException e) {
            // Kept from an earlier run.
        }
        EmbeddedPostgres.Database platform = pg.database("platform");
        endpoints.put("PostgreSQL 16 (embedded)", platform.jdbcUrl());
        LOG.info("PostgreSQL on {} (data in {}{})", platform.jdbcUrl(), paths.postgresData(),
                exists ? ", kept from the last run" : ", database created");
        return new Database(platform.jdbcUrl(), pg.username(), pg.password());
    }

    private Map<String, String> startS3() throws Exception {
        Map<String, String> s3 = new LinkedHashMap<>();
        String external = env.get("PLATFORM_STORAGE_S3_ENDPOINT");
        if (external != null && !external.isBlank()) {
            s3.put("PLATFORM_STORAGE_S3_ENDPOINT", external);
            s3.put("PLATFORM_STORAGE_S3_ACCESS_KEY", env.getOrDefault("PLATFORM_STORAGE_S3_ACCESS_KEY", ""));
            s3.put("PLATFORM_STORAGE_S3_SECRET_KEY", env.getOrDefault("PLATFORM_STORAGE_S3_SECRET_KEY", ""));
            endpoints.put("S3 (external)", external);
            return s3;
        }
        Properties credentials = s3Credentials();
        // CORS for the control panel's pages on any local port: browsers upload and download with presigned URLs.
        EmbeddedS3 server = EmbeddedS3.start(paths.s3Data(), Ports.preferred(9000),
                credentials.getProperty("accessKey"), credentials.getProperty("secretKey"),
                List.of("http://127\\.0\\.0\\.1:[0-9]+", "http://localhost:[0-9]+"));
        shutdown.then("S3", server::close);
        s3.put("PLATFORM_STORAGE_S3_ENDPOINT", server.endpoint().toString());
        s3.put("PLATFORM_STORAGE_S3_ACCESS_KEY", server.accessKey());
        s3.put("PLATFORM_STORAGE_S3_SECRET_KEY", server.secretKey());
        endpoints.put("S3 (embedded s3proxy, stands in for MinIO)", server.endpoint().toString());
        LOG.info("S3 on {} (objects in {}, credentials in {})", server.endpoint(), paths.s3Data(), paths.s3Credentials());
        return s3;
    }

    private Properties s3Credentials() throws IOException {
        Properties p = new Properties();
        if (Files.exists(paths.s3Credentials())) {
            try (var in = Files.newBufferedReader(paths.s3Credentials())) {
                p.load(in);
            }
        }
        if (p.getProperty("accessKey") == null || p.getProperty("secretKey") == null) {
            p.setProperty("accessKey", "local-" + LocalSecrets.random(6).toLowerCase().replaceAll("[^a-z0-9]", "x"));
            p.setProperty("secretKey", LocalSecrets.random(30));
            LocalSecrets.writePrivate(paths.s3Credentials(), "# S3 credentials of the local run (generated)\n"
                    + "accessKey=" + p.getProperty("accessKey") + "\nsecretKey=" + p.getProperty("secretKey") + "\n");
        }
        return p;
    }
}
