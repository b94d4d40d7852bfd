package io.rpik8s.deployment.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rpik8s.deployment.plugin.container.ContainerPlugin;
import io.rpik8s.model.plugin.AppLabels;
import io.rpik8s.model.plugin.AppUpdate;
import io.rpik8s.model.plugin.DeploymentConfig;
import io.rpik8s.model.plugin.InvalidAppException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the REST request types into what the domain takes. The request's top-level container fields (ports, env,
 * resources, probes, ...) are the REST contract's shorthand for the {@code container} plugin's settings.
 */
@ApplicationScoped
public class DeployRequests {

    private final ObjectMapper mapper;

    public DeployRequests(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The app to deploy, labelled for the plugin that will deploy it. */
    public DeploymentConfig configOf(DeployRequest request) {
        String plugin = request.pluginOrDefault();
        Map<String, String> labels = new HashMap<>();
        if (request.labels() != null) {
            labels.putAll(request.labels());
        }
        labels.putAll(AppLabels.of(request.name(), plugin));
        Map<String, Object> settings = new HashMap<>();
        if (ContainerPlugin.NAME.equals(plugin)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> container = mapper.convertValue(request.containerSettings(), Map.class);
            settings.putAll(container);
        }
        if (request.config() != null) {
            settings.putAll(request.config());
        }
        return new DeploymentConfig(request.name(), request.namespace(), request.image(), request.replicasOrDefault(),
                labels, request.service() == null ? null : request.service().port(), settings);
    }

    /** The rolling update asked for; at least one part must be given. */
    public AppUpdate updateOf(UpdateRequest request) {
        if (request.image() == null && request.env() == null && request.resources() == null) {
            throw new InvalidAppException("image", "give at least one of image, env, resources");
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        putIfSet(settings, "env", request.env() == null ? null : mapper.convertValue(request.env(), List.class));
        putIfSet(settings, "resources", request.resources() == null ? null
                : mapper.convertValue(request.resources(), Map.class));
        return new AppUpdate(request.image(), settings);
    }

    /** What the audit history shows of an update. */
    public Map<String, Object> detailsOf(UpdateRequest request) {
        Map<String, Object> details = new LinkedHashMap<>();
        putIfSet(details, "image", request.image());
        putIfSet(details, "env", request.env());
        putIfSet(details, "resources", request.resources());
        return details;
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
