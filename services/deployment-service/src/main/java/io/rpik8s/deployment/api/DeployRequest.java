package io.rpik8s.deployment.api;

import io.rpik8s.deployment.change.Names;
import io.rpik8s.deployment.plugin.container.ContainerSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /deployments}: the app to deploy. Container fields (ports, env, resources, probes, nodeSelector,
 * service, sidecar) are used by the {@code container} plugin; {@code config} carries any other plugin's settings.
 */
public record DeployRequest(
        @NotBlank @Size(max = 63) @Pattern(regexp = Names.DNS_1123_LABEL, message = Names.DNS_1123_MESSAGE)
        String name,
        @NotBlank @Size(max = 63) @Pattern(regexp = Names.DNS_1123_LABEL, message = Names.DNS_1123_MESSAGE)
        String namespace,
        @Size(max = 512) @Pattern(regexp = Names.IMAGE, message = Names.IMAGE_MESSAGE) String image,
        @Min(0) Integer replicas,
        List<ContainerSettings.@Valid Port> ports,
        List<ContainerSettings.@Valid EnvVar> env,
        @Valid ContainerSettings.Resources resources,
        Map<String, @Size(max = 63) String> labels,
        @Valid ServiceRequest service,
        @Valid ContainerSettings.Probe readinessProbe,
        @Valid ContainerSettings.Probe livenessProbe,
        Map<String, String> nodeSelector,
        @Pattern(regexp = Names.DNS_1123_LABEL, message = Names.DNS_1123_MESSAGE) String plugin,
        Boolean createNamespace,
        Map<String, Object> config,
        Boolean sidecar,
        @Pattern(regexp = ContainerSettings.SIDECAR_CALLBACK_PATH,
                message = "must be an absolute path, e.g. /platform-events") String sidecarCallbackPath) {

    /** The Service to expose the app with. */
    public record ServiceRequest(
            @jakarta.validation.constraints.NotNull @Min(1) @Max(65535) Integer port,
            @Pattern(regexp = "ClusterIP|NodePort|LoadBalancer", message = "must be ClusterIP, NodePort or LoadBalancer")
            String type) {
    }

    public String pluginOrDefault() {
        return plugin == null ? "container" : plugin;
    }

    public int replicasOrDefault() {
        return replicas == null ? 1 : replicas;
    }

    /** The container plugin's settings taken from this request. */
    public ContainerSettings containerSettings() {
        return new ContainerSettings(ports, env, resources, readinessProbe, livenessProbe, nodeSelector,
                service == null ? null : service.type(), sidecar, sidecarCallbackPath);
    }
}
