package io.rpik8s.commons.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The outbox relay's pace and retention. */
@ConfigMapping(prefix = "platform.outbox")
public interface OutboxConfig {

    /**
     * Whether this service has an outbox to relay (services that store changes turn it on; replicas share the work
     * safely).
     */
    @WithDefault("false")
    boolean relayEnabled();

    /** Rows published per relay round. */
    @WithDefault("100")
    int batchSize();

    /** How long published rows are kept for inspection before they are purged. */
    @WithDefault("P7D")
    Duration retention();
}
