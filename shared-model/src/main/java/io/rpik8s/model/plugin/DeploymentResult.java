package io.rpik8s.model.plugin;

import java.util.List;
import java.util.Map;

/**
 * A plugin's view of one app (the original framework's status dict, typed).
 *
 * @param app           the app
 * @param state         rollout state
 * @param image         main image, when there is one
 * @param desired       desired replicas
 * @param ready         ready replicas
 * @param message       human-readable state
 * @param objects       the objects the plugin manages for the app, as {@code Kind/name}
 * @param details       plugin-specific details
 */
public record DeploymentResult(
        AppRef app,
        RolloutState state,
        String image,
        int desired,
        int ready,
        String message,
        List<String> objects,
        Map<String, Object> details) {
}
