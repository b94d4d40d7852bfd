package io.rpik8s.storage.config;

import io.rpik8s.commons.kube.ManagedNamespaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The namespaces where volumes and database Secrets may go (platform.storage.volumes.namespaces). */
@ApplicationScoped
public class StorageNamespaces {

    @Produces
    @Singleton
    ManagedNamespaces managed(StorageConfig config) {
        return ManagedNamespaces.of(config.volumes().namespaces());
    }
}
