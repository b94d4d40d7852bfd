package io.rpik8s.deployment.plugin.container;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.rpik8s.model.plugin.DeploymentConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The platform sidecar in an app's pod ({@code sidecar: true}): the {@code platform-sidecar} container, answering
 * the pod's own containers only (loopback), with a projected service-account token for the platform's audience (the
 * platform reviews it with a TokenReview), small resources, probes, a read-only root and its settings as environment
 * variables. docs/extending.md shows the same manifest for adding it by hand.
 */
public final class SidecarContainer {

    /** The container's name in the pod. */
    public static final String NAME = "platform-sidecar";
    /** The sidecar's port on localhost, where the app reads its events and posts its reports. */
    public static final int PORT = 8099;
    static final String TOKEN_VOLUME = "platform-sidecar-token";
    static final String TMP_VOLUME = "platform-sidecar-tmp";
    /** Where the sidecar reads its token by default ({@code SIDECAR_TOKEN_FILE}): no variable to set. */
    static final String TOKEN_DIR = "/var/run/secrets/rpi-k8s.io/sidecar";
    /** An hour; the kubelet renews the token before it expires and the sidecar reads the file on every call. */
    static final long TOKEN_SECONDS = 3600;
    // 80 MiB RSS idle, 92 MiB at most under load with these flags (docs/benchmarks.md, "The platform sidecar"):
    // the request is near use, the limit leaves room. One Netty arena each, and two malloc arenas (env below). The
    // image's AOT cache mapped where it was written stays file pages, 16 MiB less private memory (ADR 0001).
    static final String JVM_FLAGS = "-XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0 "
            + "-XX:+UseSerialGC -Xmx16m -Xss256k -XX:MaxMetaspaceSize=48m "
            + "-XX:ReservedCodeCacheSize=16m -XX:TieredStopAtLevel=1 -XX:MaxDirectMemorySize=16m "
            + "-Dio.netty.allocator.numDirectArenas=1 -Dio.netty.allocator.numHeapArenas=1 "
            + "-XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp";

    private SidecarContainer() {
    }

    /** Adds the sidecar container and its token volume to the app's pod spec. */
    public static void addTo(PodSpec pod, DeploymentConfig app, ContainerSettings settings, SidecarConfig sidecar) {
        List<Container> containers = new ArrayList<>(pod.getContainers());
        containers.add(container(app, settings, sidecar));
        pod.setContainers(containers);
        List<Volume> volumes = new ArrayList<>(pod.getVolumes() == null ? List.of() : pod.getVolumes());
        volumes.add(tokenVolume(sidecar.audience()));
        volumes.add(tmpVolume());
        pod.setVolumes(volumes);
    }

    static Container container(DeploymentConfig app, ContainerSettings settings, SidecarConfig sidecar) {
        List<EnvVar> env = new ArrayList<>(List.of(
                env("SIDECAR_APP_NAME", app.name()),
                new EnvVarBuilder().withName("SIDECAR_APP_NAMESPACE").withNewValueFrom().withNewFieldRef()
                        .withFieldPath("metadata.namespace").endFieldRef().endValueFrom().build(),
                env("SIDECAR_PLATFORM_URL", sidecar.platformUrl()),
                env("QUARKUS_HTTP_PORT", String.valueOf(PORT)),
                env("JAVA_TOOL_OPTIONS", JVM_FLAGS),
                env("MALLOC_ARENA_MAX", "2")));
        if (settings.sidecarCallbackPath() != null) {
            env.add(env("SIDECAR_CALLBACK_PATH", settings.sidecarCallbackPath()));
            env.add(env("SIDECAR_CALLBACK_PORT", String.valueOf(appPort(settings))));
        }
        return new ContainerBuilder()
                .withName(NAME)
                .withImage(sidecar.image())
                .withEnv(env)
                .withNewResources()
                .withRequests(Map.of("cpu", new Quantity("10m"), "memory", new Quantity("96Mi")))
                .withLimits(Map.of("cpu", new Quantity("200m"), "memory", new Quantity("128Mi")))
                .endResources()
                .withReadinessProbe(probe("/q/health/ready", 10))
                .withLivenessProbe(probe("/q/health/live", 20))
                .addNewVolumeMount().withName(TOKEN_VOLUME).withMountPath(TOKEN_DIR).withReadOnly(true)
                .endVolumeMount()
                .addNewVolumeMount().withName(TMP_VOLUME).withMountPath("/tmp").endVolumeMount()
                .withNewSecurityContext().withRunAsNonRoot(true).withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true).withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext()
                .build();
    }

    private static Probe probe(String path, int periodSeconds) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString(PORT)).endHttpGet()
                .withPeriodSeconds(periodSeconds).build();
    }

    static Volume tmpVolume() {
        return new VolumeBuilder().withName(TMP_VOLUME).withNewEmptyDir().withSizeLimit(new Quantity("16Mi"))
                .endEmptyDir().build();
    }

    static Volume tokenVolume(String audience) {
        return new VolumeBuilder().withName(TOKEN_VOLUME).withNewProjected().addNewSource()
                .withNewServiceAccountToken().withAudience(audience).withExpirationSeconds(TOKEN_SECONDS)
                .withPath("token").endServiceAccountToken().endSource().endProjected().build();
    }

    /** The app's first container port, else 8080, the sidecar's default. */
    private static int appPort(ContainerSettings settings) {
        return settings.ports() == null || settings.ports().isEmpty() ? 8080 : settings.ports().get(0).containerPort();
    }

    private static EnvVar env(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }
}
