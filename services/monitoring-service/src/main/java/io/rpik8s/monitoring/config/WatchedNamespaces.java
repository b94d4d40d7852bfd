package io.rpik8s.monitoring.config;

import io.rpik8s.commons.kube.ManagedNamespaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The namespaces this service shows (platform.monitoring.namespaces): one check for every view that names one. */
@ApplicationScoped
public class WatchedNamespaces {

    @Produces
    @Singleton
    ManagedNamespaces watched(MonitoringConfig config) {
        return ManagedNamespaces.of(config.namespaces());
    }
}
