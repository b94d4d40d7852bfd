package io.rpik8s.deployment.plugin.container;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the {@code container} plugin reads an app's revision history (its ReplicaSets). */
@ConfigMapping(prefix = "platform.plugins.container.history")
public interface HistoryConfig {

    /**
     * How long revisions and rollback wait for the deployment controller to record the Deployment's latest spec
     * (status.observedGeneration) before reading the ReplicaSets; 503 after that.
     */
    @WithDefault("20s")
    Duration controllerWait();
}
