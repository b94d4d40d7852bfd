package io.rpik8s.deployment.plugin.container;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;

/**
 * What the {@code container} plugin needs beyond the common fields: ports, environment, resources, probes, node
 * selector, the Service type and whether the pod gets the platform sidecar (with the path it POSTs the app's events
 * to). Travels in {@code DeploymentConfig.settings()}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerSettings(
        List<@Valid Port> ports,
        List<@Valid EnvVar> env,
        @Valid Resources resources,
        @Valid Probe readinessProbe,
        @Valid Probe livenessProbe,
        Map<String, String> nodeSelector,
        @Pattern(regexp = "ClusterIP|NodePort|LoadBalancer", message = "must be ClusterIP, NodePort or LoadBalancer")
        String serviceType,
        Boolean sidecar,
        @Pattern(regexp = SIDECAR_CALLBACK_PATH, message = "must be an absolute path, e.g. /platform-events")
        String sidecarCallbackPath) {

    /** A path on the app's own port, without query or fragment. */
    public static final String SIDECAR_CALLBACK_PATH = "/[-a-zA-Z0-9_./]{0,200}";

    /** A container port. */
    public record Port(
            @Pattern(regexp = "[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?", message = "must be an IANA service name")
            String name,
            @NotNull @Min(1) @Max(65535) Integer containerPort,
            @Pattern(regexp = "TCP|UDP|SCTP", message = "must be TCP, UDP or SCTP") String protocol) {
    }

    /** An environment variable: a plain value, or a key of a Secret or ConfigMap. */
    public record EnvVar(
            @NotBlank @Pattern(regexp = "[-._a-zA-Z][-._a-zA-Z0-9]*", message = "must be a C identifier")
            String name,
            String value,
            @Valid KeyRef secretKeyRef,
            @Valid KeyRef configMapKeyRef) {
    }

    /** A key of a Secret or ConfigMap in the app's namespace. */
    public record KeyRef(@NotBlank String name, @NotBlank String key) {
    }

    /** Requests and limits, as Kubernetes quantities ({@code 100m}, {@code 128Mi}). */
    public record Resources(Map<String, String> requests, Map<String, String> limits) {
    }

    /** An HTTP GET probe on {@code path}, or a TCP probe when there is no path. */
    public record Probe(
            String path,
            @NotNull @Min(1) @Max(65535) Integer port,
            @Min(0) Integer initialDelaySeconds,
            @Min(1) Integer periodSeconds) {
    }

    public static ContainerSettings empty() {
        return new ContainerSettings(null, null, null, null, null, null, null, null, null);
    }
}
