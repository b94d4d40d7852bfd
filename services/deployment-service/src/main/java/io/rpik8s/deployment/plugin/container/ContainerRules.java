package io.rpik8s.deployment.plugin.container;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Quantity;
import io.rpik8s.model.plugin.DeploymentConfig;
import io.rpik8s.model.plugin.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the container plugin accepts: an image, readable settings, Kubernetes quantities, one source per env var. */
final class ContainerRules {

    private final ObjectMapper mapper;

    ContainerRules(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The field problems of an app for this plugin; empty when it can be deployed. */
    List<FieldProblem> problems(DeploymentConfig config) {
        List<FieldProblem> problems = new ArrayList<>();
        if (config.image() == null || config.image().isBlank()) {
            problems.add(new FieldProblem("image", "is required by the container plugin"));
        }
        ContainerSettings settings;
        try {
            settings = config.settings().isEmpty() ? ContainerSettings.empty()
                    : mapper.convertValue(config.settings(), ContainerSettings.class);
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("config", "is not valid container settings: " + e.getMessage()));
            return problems;
        }
        problems.addAll(resourceProblems(settings.resources()));
        if (settings.sidecarCallbackPath() != null && !Boolean.TRUE.equals(settings.sidecar())) {
            problems.add(new FieldProblem("sidecarCallbackPath", "needs sidecar: true (the sidecar makes the calls)"));
        }
        if (settings.env() != null) {
            for (int i = 0; i < settings.env().size(); i++) {
                var e = settings.env().get(i);
                int sources = (e.value() != null ? 1 : 0) + (e.secretKeyRef() != null ? 1 : 0)
                        + (e.configMapKeyRef() != null ? 1 : 0);
                if (sources != 1) {
                    problems.add(new FieldProblem("env[" + i + "]",
                            "needs exactly one of value, secretKeyRef, configMapKeyRef"));
                }
            }
        }
        return problems;
    }

    /** Every request and limit must parse as a non-negative Kubernetes quantity. */
    static List<FieldProblem> resourceProblems(ContainerSettings.Resources resources) {
        List<FieldProblem> problems = new ArrayList<>();
        if (resources != null) {
            checkQuantities("resources.requests", resources.requests(), problems);
            checkQuantities("resources.limits", resources.limits(), problems);
        }
        return problems;
    }

    private static void checkQuantities(String field, Map<String, String> values, List<FieldProblem> problems) {
        if (values == null) {
            return;
        }
        values.forEach((resource, value) -> {
            try {
                if (value == null || Quantity.getAmountInBytes(new Quantity(value)).signum() < 0) {
                    problems.add(new FieldProblem(field + "." + resource, "must be a non-negative quantity"));
                }
            } catch (RuntimeException e) {
                problems.add(new FieldProblem(field + "." + resource,
                        "is not a Kubernetes quantity (e.g. 100m, 128Mi)"));
            }
        });
    }
}
