package io.rpik8s.webhook.log;

import io.quarkus.scheduler.Scheduled;
import io.rpik8s.webhook.config.WebhookConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Deletes finished messages (with deliveries and attempts) older than the configured retention, hourly. */
@ApplicationScoped
public class RetentionPurge {

    private static final Logger LOG = Logger.getLogger(RetentionPurge.class);

    private final DeliveryLog log;
    private final WebhookConfig config;

    public RetentionPurge(DeliveryLog log, WebhookConfig config) {
        this.log = log;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return log.purge(config.retention()).invoke(n -> {
            if (n > 0) {
                LOG.infof("Purged %d webhook messages older than %s", n, config.retention());
            }
        }).onFailure().recoverWithNull().replaceWithVoid();
    }
}
