package io.rpik8s.monitoring.config;

import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.commons.problem.KubeNames;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The namespaces this service shows (platform.monitoring.namespaces): one check for every view that names one. */
@ApplicationScoped
public class WatchedNamespaces {

    private final List<String> names;

    public WatchedNamespaces(MonitoringConfig config) {
        this.names = List.copyOf(config.namespaces());
    }

    public boolean contains(String namespace) {
        return names.contains(namespace);
    }

    /** The namespace itself, or a 400 naming {@code field}: a malformed name, or one this service does not show. */
    public String require(String field, String namespace) {
        KubeNames.label(field, namespace);
        if (!names.contains(namespace)) {
            throw ApiProblem.invalid(field, "is not managed by the platform (managed: " + String.join(", ", names)
                    + ")");
        }
        return namespace;
    }
}
