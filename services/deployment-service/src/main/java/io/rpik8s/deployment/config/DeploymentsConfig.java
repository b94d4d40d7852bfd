package io.rpik8s.deployment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** Limits and scope of the deployment service. */
@ConfigMapping(prefix = "platform.deployments")
public interface DeploymentsConfig {

    /** Namespaces the service deploys to and watches; requests for any other namespace are rejected. */
    @WithDefault("default")
    List<String> managedNamespaces();

    /** Highest replica count a request may ask for. */
    @WithDefault("20")
    int maxReplicas();

    /** Whether a managed namespace that does not exist yet may be created when a request asks for it. */
    @WithDefault("false")
    boolean createNamespaces();

    /** Seconds between full resyncs of the rollout informer. */
    @WithDefault("300")
    int informerResyncSeconds();
}
