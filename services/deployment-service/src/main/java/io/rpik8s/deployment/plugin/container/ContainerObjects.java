package io.rpik8s.deployment.plugin.container;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.rpik8s.model.plugin.AppLabels;
import io.rpik8s.model.plugin.DeploymentConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds the desired Deployment and Service of a {@code container} app with Fabric8 builders. */
public final class ContainerObjects {

    private ContainerObjects() {
    }

    public static Deployment deployment(DeploymentConfig config, ContainerSettings settings) {
        Map<String, String> selector = Map.of(AppLabels.APP, config.name());
        return new DeploymentBuilder()
                .withNewMetadata().withName(config.name()).withNamespace(config.namespace())
                .withLabels(config.labels()).endMetadata()
                .withNewSpec()
                .withReplicas(config.replicas() == null ? 1 : config.replicas())
                .withNewSelector().withMatchLabels(selector).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(config.labels()).endMetadata()
                .withNewSpec()
                .withNodeSelector(settings.nodeSelector())
                .addNewContainer()
                .withName(config.name())
                .withImage(config.image())
                .withPorts(ports(settings))
                .withEnv(env(settings.env()))
                .withResources(resources(settings.resources()))
                .withReadinessProbe(probe(settings.readinessProbe()))
                .withLivenessProbe(probe(settings.livenessProbe()))
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    public static Service service(DeploymentConfig config, ContainerSettings settings) {
        return new ServiceBuilder()
                .withNewMetadata().withName(config.name()).withNamespace(config.namespace())
                .withLabels(config.labels()).endMetadata()
                .withNewSpec()
                .withType(settings.serviceType() == null ? "ClusterIP" : settings.serviceType())
                .withSelector(Map.of(AppLabels.APP, config.name()))
                .addNewPort().withName("http").withPort(config.servicePort())
                .withTargetPort(new IntOrString(targetPort(config, settings))).endPort()
                .endSpec()
                .build();
    }

    public static List<io.fabric8.kubernetes.api.model.EnvVar> env(List<ContainerSettings.EnvVar> env) {
        if (env == null) {
            return List.of();
        }
        return env.stream().map(e -> {
            EnvVarBuilder b = new EnvVarBuilder().withName(e.name());
            if (e.secretKeyRef() != null) {
                b.withNewValueFrom().withNewSecretKeyRef(e.secretKeyRef().key(), e.secretKeyRef().name(), false)
                        .endValueFrom();
            } else if (e.configMapKeyRef() != null) {
                b.withNewValueFrom().withNewConfigMapKeyRef(e.configMapKeyRef().key(), e.configMapKeyRef().name(),
                        false).endValueFrom();
            } else {
                b.withValue(e.value());
            }
            return b.build();
        }).toList();
    }

    public static ResourceRequirements resources(ContainerSettings.Resources resources) {
        if (resources == null) {
            return null;
        }
        return new ResourceRequirementsBuilder()
                .withRequests(quantities(resources.requests()))
                .withLimits(quantities(resources.limits()))
                .build();
    }

    private static Map<String, Quantity> quantities(Map<String, String> values) {
        Map<String, Quantity> out = new TreeMap<>();
        if (values != null) {
            values.forEach((k, v) -> out.put(k, new Quantity(v)));
        }
        return out;
    }

    private static List<ContainerPort> ports(ContainerSettings settings) {
        if (settings.ports() == null) {
            return List.of();
        }
        return settings.ports().stream().map(p -> new ContainerPortBuilder().withName(p.name())
                .withContainerPort(p.containerPort()).withProtocol(p.protocol() == null ? "TCP" : p.protocol())
                .build()).toList();
    }

    private static int targetPort(DeploymentConfig config, ContainerSettings settings) {
        return settings.ports() == null || settings.ports().isEmpty() ? config.servicePort()
                : settings.ports().get(0).containerPort();
    }

    private static io.fabric8.kubernetes.api.model.Probe probe(ContainerSettings.Probe probe) {
        if (probe == null) {
            return null;
        }
        ProbeBuilder b = new ProbeBuilder()
                .withInitialDelaySeconds(probe.initialDelaySeconds())
                .withPeriodSeconds(probe.periodSeconds());
        if (probe.path() != null) {
            b.withNewHttpGet().withPath(probe.path()).withPort(new IntOrString(probe.port())).endHttpGet();
        } else {
            b.withNewTcpSocket().withPort(new IntOrString(probe.port())).endTcpSocket();
        }
        return b.build();
    }

    /** Labels plus the selector label, so pods are found by {@link AppLabels#APP}. */
    public static Map<String, String> withSelector(Map<String, String> labels, String app) {
        Map<String, String> all = new HashMap<>(labels);
        all.put(AppLabels.APP, app);
        return all;
    }
}
