package io.rpik8s.deployment.operator;

import io.rpik8s.deployment.crd.ConditionTypes;
import io.rpik8s.deployment.crd.PlatformApp;
import io.rpik8s.deployment.crd.PlatformAppSpec;
import io.rpik8s.deployment.crd.PlatformAppStatus;

import io.rpik8s.model.plugin.AppLabels;
import io.rpik8s.model.plugin.DeploymentConfig;
import io.rpik8s.model.plugin.FieldProblem;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** A PlatformApp read as an app: the config its plugin deploys, and where a rule's field is in the resource. */
final class PlatformApps {

    static final String DEFAULT_PLUGIN = "container";
    private static final Set<String> METADATA_FIELDS = Set.of("name", "namespace");

    private PlatformApps() {
    }

    static String pluginOf(PlatformApp app) {
        return app.getSpec() == null || app.getSpec().getPlugin() == null ? DEFAULT_PLUGIN : app.getSpec().getPlugin();
    }

    static DeploymentConfig configOf(PlatformApp app) {
        PlatformAppSpec spec = app.getSpec() == null ? new PlatformAppSpec() : app.getSpec();
        Map<String, String> labels = new HashMap<>(AppLabels.of(app.getMetadata().getName(), pluginOf(app)));
        labels.put(AppLabels.FROM_PLATFORMAPP, app.getMetadata().getName());
        return new DeploymentConfig(app.getMetadata().getName(), app.getMetadata().getNamespace(), spec.getImage(),
                spec.getReplicas() == null ? 1 : spec.getReplicas(), labels, spec.getServicePort(),
                spec.getConfig() == null ? Map.of() : spec.getConfig());
    }

    /** The rule's field as a path in the resource: {@code metadata.name}, {@code spec.image}, ... */
    static String fieldOf(FieldProblem problem) {
        return (METADATA_FIELDS.contains(problem.field()) ? "metadata." : "spec.") + problem.field();
    }
}
