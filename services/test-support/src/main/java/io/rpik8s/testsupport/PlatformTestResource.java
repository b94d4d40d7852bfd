package io.rpik8s.testsupport;

import io.rpik8s.dev.embedded.EmbeddedPostgres;
import io.rpik8s.dev.embedded.EmbeddedKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.rpik8s.model.events.Topics;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything a platform service needs under test, for real: the shared Kafka broker (with the platform topics),
 * a fresh PostgreSQL database on the shared server, and the token signing key of {@link TestTokens}.
 * Use with {@code @WithTestResource(PlatformTestResource.class)}.
 */
public class PlatformTestResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedPostgres.Database database;

    @Override
    public Map<String, String> start() {
        EmbeddedKafka kafka = EmbeddedKafka.shared();
        kafka.createTopics(Topics.DEPLOYMENTS, Topics.ALERTS, Topics.STORAGE, Topics.WEBHOOKS);
        database = EmbeddedPostgres.shared().createDatabase("platform_test");

        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("quarkus.datasource.reactive.url", database.reactiveUrl());
        config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        config.put("quarkus.datasource.username", database.username());
        config.put("quarkus.datasource.password", database.password());
        config.put("platform.auth.signing-key", TestTokens.signingKey());
        return config;
    }

    @Override
    public void stop() {
        if (database != null) {
            try {
                EmbeddedPostgres.shared().dropDatabase(database.name());
            } catch (RuntimeException e) {
                // Connections of the stopped app may linger a moment; a leftover test database harms nothing.
            }
        }
    }
}
