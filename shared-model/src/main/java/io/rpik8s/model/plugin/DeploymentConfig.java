package io.rpik8s.model.plugin;

import java.util.Map;

/**
 * What a plugin is asked to deploy: the fields every plugin understands, and plugin-specific settings.
 *
 * @param name        app name (DNS-1123 label), already validated
 * @param namespace   namespace, already validated and existing
 * @param image       main image, when the plugin uses one
 * @param replicas    desired replicas, when the plugin uses them
 * @param labels      labels to put on every object created, including {@link AppLabels}
 * @param servicePort port of the Service to expose, or {@code null} for none
 * @param settings    plugin-specific settings (free-form, from the request's or PlatformApp's {@code config})
 */
public record DeploymentConfig(
        String name,
        String namespace,
        String image,
        Integer replicas,
        Map<String, String> labels,
        Integer servicePort,
        Map<String, Object> settings) {

    public AppRef ref() {
        return new AppRef(namespace, name);
    }

    public Map<String, Object> settings() {
        return settings == null ? Map.of() : settings;
    }

    public Map<String, String> labels() {
        return labels == null ? Map.of() : labels;
    }
}
