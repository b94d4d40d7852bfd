package io.rpik8s.deployment.plugin;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.model.plugin.DeploymentPlugin;
import io.rpik8s.model.plugin.PluginOperation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/** Discovers the deployment plugins (CDI beans), initialises them at start-up and shuts them down at stop. */
@ApplicationScoped
public class PluginRegistry {

    private static final Logger LOG = Logger.getLogger(PluginRegistry.class);
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(30);

    /** A plugin, whether it is usable, and the changes to a running app it offers (update, scale, ...). */
    public record PluginStatus(String name, String description, boolean available, String message,
            List<String> operations) {

        PluginStatus(DeploymentPlugin plugin, boolean available, String message) {
            this(plugin.name(), plugin.description(), available, message,
                    plugin.supportedOperations().stream().sorted().map(PluginOperation::json).toList());
        }
    }

    private final Map<String, DeploymentPlugin> plugins = new TreeMap<>();
    private final Map<String, PluginStatus> statuses = new ConcurrentHashMap<>();

    public PluginRegistry(Instance<DeploymentPlugin> discovered) {
        discovered.forEach(p -> plugins.put(p.name(), p));
    }

    void start(@Observes StartupEvent event) {
        plugins.values().forEach(p -> {
            try {
                p.initialize().await().atMost(INIT_TIMEOUT);
                statuses.put(p.name(), new PluginStatus(p, true, "ready"));
            } catch (RuntimeException e) {
                // a broken plugin is reported, it does not stop the service
                LOG.warnf(e, "Deployment plugin %s failed to initialise", p.name());
                statuses.put(p.name(), new PluginStatus(p, false, e.getMessage()));
            }
        });
        LOG.infof("Deployment plugins: %s", statuses.keySet());
    }

    void stop(@Observes ShutdownEvent event) {
        plugins.values().forEach(p -> {
            try {
                p.shutdown().await().atMost(INIT_TIMEOUT);
            } catch (RuntimeException e) {
                LOG.warnf(e, "Deployment plugin %s failed to shut down", p.name());
            }
        });
    }

    public List<PluginStatus> all() {
        return plugins.keySet().stream().map(n -> statuses.getOrDefault(n,
                new PluginStatus(plugins.get(n), false, "not initialised"))).toList();
    }

    public Optional<DeploymentPlugin> find(String name) {
        return Optional.ofNullable(plugins.get(name));
    }

    /** The usable plugin {@code name}, or a 400 naming {@code field}. */
    public DeploymentPlugin require(String name, String field) {
        DeploymentPlugin plugin = plugins.get(name);
        if (plugin == null) {
            throw ApiProblem.invalid(field, "unknown plugin '" + name + "' (known: "
                    + String.join(", ", plugins.keySet()) + ")");
        }
        PluginStatus status = statuses.get(name);
        if (status != null && !status.available()) {
            throw ApiProblem.unavailable("Plugin " + name + " is unavailable: " + status.message(), 30, null);
        }
        return plugin;
    }

    public java.util.Collection<DeploymentPlugin> plugins() {
        return plugins.values();
    }
}
