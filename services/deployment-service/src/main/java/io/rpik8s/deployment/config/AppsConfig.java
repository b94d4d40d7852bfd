package io.rpik8s.deployment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** Scope and limits of the apps this service manages (named apart from the plugin SPI's {@code DeploymentConfig}). */
@ConfigMapping(prefix = "platform.deployments")
public interface AppsConfig {

    /** Namespaces the service deploys to and watches; requests for any other namespace are rejected. */
    @WithDefault("default")
    List<String> managedNamespaces();

    /** Highest replica count a request may ask for. */
    @WithDefault("20")
    int maxReplicas();

    /** Whether a managed namespace that does not exist yet may be created when a request asks for it. */
    @WithDefault("false")
    boolean createNamespaces();

    /** Seconds between full resyncs of the cluster cache's informers. */
    @WithDefault("300")
    int informerResyncSeconds();
}
