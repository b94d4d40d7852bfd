package io.rpik8s.deployment.plugin;

import io.rpik8s.model.plugin.DeploymentPlugin;
import io.rpik8s.model.plugin.DeploymentResult;

/** An app with the plugin that manages it, and its status as that plugin last reported it. */
public record ManagedApp(DeploymentPlugin plugin, DeploymentResult status) {
}
