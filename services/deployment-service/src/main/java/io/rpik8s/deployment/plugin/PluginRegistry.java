package io.rpik8s.deployment.plugin;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.rpik8s.deployment.kube.ClusterCache;
import io.rpik8s.model.plugin.AppLabels;
import io.rpik8s.model.plugin.AppNotFoundException;
import io.rpik8s.model.plugin.AppRef;
import io.rpik8s.model.plugin.AppUnavailableException;
import io.rpik8s.model.plugin.DeploymentPlugin;
import io.rpik8s.model.plugin.InvalidAppException;
import io.rpik8s.model.plugin.PluginOperation;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The deployment plugins (CDI beans): initialised at start-up, shut down at stop, and the one place that answers
 * "which plugin manages this app".
 */
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
    private final ClusterCache cache;

    public PluginRegistry(Instance<DeploymentPlugin> discovered, ClusterCache cache) {
        discovered.forEach(p -> plugins.put(p.name(), p));
        this.cache = cache;
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
        return Optional.ofNullable(name == null ? null : plugins.get(name));
    }

    public Collection<DeploymentPlugin> plugins() {
        return plugins.values();
    }

    /** The usable plugin {@code name}; an invalid {@code field} when unknown, unavailable when it failed to start. */
    public DeploymentPlugin require(String name, String field) {
        DeploymentPlugin plugin = plugins.get(name);
        if (plugin == null) {
            throw new InvalidAppException(field, "unknown plugin '" + name + "' (known: "
                    + String.join(", ", plugins.keySet()) + ")");
        }
        PluginStatus status = statuses.get(name);
        if (status != null && !status.available()) {
            throw new AppUnavailableException("Plugin " + name + " is unavailable: " + status.message(), 30, null);
        }
        return plugin;
    }

    /**
     * The plugin that manages {@code app}, with its status; empty when none does. The cluster cache names the
     * candidate (the plugin label of the app's objects) so that one plugin is asked; when the cache knows no object of
     * the app (one just made, or of a kind it does not hold) every plugin is asked in turn.
     */
    public Uni<Optional<ManagedApp>> managerOf(AppRef app) {
        return Uni.createFrom().deferred(() -> {
            var objects = cache.objectsOf(app);
            Collection<DeploymentPlugin> asked = objects.isEmpty() ? plugins.values()
                    : objects.stream().map(o -> AppLabels.pluginOf(o.getMetadata().getLabels())).distinct()
                            .map(this::find).flatMap(Optional::stream).toList();
            return Multi.createFrom().iterable(asked)
                    .onItem().transformToUniAndConcatenate(p -> p.status(app)
                            .map(status -> Optional.of(new ManagedApp(p, status)))
                            .onFailure(AppNotFoundException.class).recoverWithItem(Optional.empty()))
                    .filter(Optional::isPresent)
                    .collect().first()
                    .map(found -> found == null ? Optional.<ManagedApp>empty() : found);
        });
    }

    /** Whether an app of that name exists in the cache, whoever made it: answered without a request. */
    public boolean isTaken(AppRef app) {
        return !cache.objectsOf(app).isEmpty();
    }
}
