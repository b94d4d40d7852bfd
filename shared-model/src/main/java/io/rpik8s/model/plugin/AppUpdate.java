package io.rpik8s.model.plugin;

import java.util.Map;

/**
 * A rolling update of an existing app; absent parts stay as they are.
 *
 * @param image    new main image, or {@code null} to keep it
 * @param settings plugin-specific changes in the shape of {@link DeploymentConfig#settings()}, e.g. {@code env} and
 *                 {@code resources} for the {@code container} plugin
 */
public record AppUpdate(String image, Map<String, Object> settings) {

    public Map<String, Object> settings() {
        return settings == null ? Map.of() : settings;
    }
}
