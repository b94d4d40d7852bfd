package io.rpik8s.deployment.change;

import io.rpik8s.deployment.config.AppsConfig;
import io.rpik8s.deployment.kube.NamespaceGuard;
import io.rpik8s.deployment.plugin.PluginRegistry;
import io.rpik8s.model.plugin.DeploymentConfig;
import io.rpik8s.model.plugin.DeploymentPlugin;
import io.rpik8s.model.plugin.FieldProblem;
import io.rpik8s.model.plugin.InvalidAppException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one rule set an app must meet, whether it comes from the REST API or from a PlatformApp: a managed namespace,
 * a DNS-1123 name, a known plugin, an image reference, replicas within the limit, then the plugin's own checks.
 * Fields are named as in the REST request ({@code name}, {@code namespace}, {@code image}, {@code replicas}, ...).
 */
@ApplicationScoped
public class AppRules {

    private final PluginRegistry plugins;
    private final NamespaceGuard namespaces;
    private final AppsConfig config;

    public AppRules(PluginRegistry plugins, NamespaceGuard namespaces, AppsConfig config) {
        this.plugins = plugins;
        this.namespaces = namespaces;
        this.config = config;
    }

    /** Every problem of {@code app} deployed by the plugin {@code pluginName}; empty when it may be deployed. */
    public List<FieldProblem> check(String pluginName, DeploymentConfig app) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!namespaces.isManaged(app.namespace())) {
            problems.add(new FieldProblem("namespace", namespaces.notManagedReason()));
        }
        if (app.name() == null || app.name().length() > 63 || !app.name().matches(Names.DNS_1123_LABEL)) {
            problems.add(new FieldProblem("name", Names.DNS_1123_MESSAGE));
        }
        Optional<DeploymentPlugin> plugin = plugins.find(pluginName);
        if (plugin.isEmpty()) {
            problems.add(new FieldProblem("plugin", "unknown plugin '" + pluginName + "'"));
        }
        if (app.image() != null && (app.image().length() > 512 || !app.image().matches(Names.IMAGE))) {
            problems.add(new FieldProblem("image", Names.IMAGE_MESSAGE));
        }
        if (app.replicas() != null) {
            replicasProblem("replicas", app.replicas()).ifPresent(problems::add);
        }
        if (problems.isEmpty()) {
            problems.addAll(plugin.orElseThrow().validate(app));
        }
        return problems;
    }

    /** As {@link #check}, failing with every problem found. */
    public void require(String pluginName, DeploymentConfig app) {
        requireNone(check(pluginName, app));
    }

    /** A replica count outside 0..max, as a problem of {@code field}. */
    public Optional<FieldProblem> replicasProblem(String field, int replicas) {
        return replicas < 0 || replicas > config.maxReplicas()
                ? Optional.of(new FieldProblem(field, replicas < 0 ? "must be at least 0"
                        : "must be at most " + config.maxReplicas()))
                : Optional.empty();
    }

    public void requireReplicas(String field, int replicas) {
        replicasProblem(field, replicas).ifPresent(p -> requireNone(List.of(p)));
    }

    private static void requireNone(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidAppException(problems);
        }
    }
}
