package io.rpik8s.deployment.plugin.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The sidecar's JVM flags are written twice: in the pods deployment-service makes and in the example manifest a user
 * copies (examples/sidecar), which CI boots the sidecar's image with. Both must be the same.
 */
class SidecarFlagsTest {

    @Test
    void theExampleManifestRunsTheSidecarWithTheFlagsOfThePodsThePlatformMakes() throws Exception {
        Path example = Path.of("../../examples/sidecar/kubernetes/deployment.yaml");
        Deployment deployment;
        try (InputStream in = Files.newInputStream(example)) {
            deployment = Serialization.unmarshal(in, Deployment.class);
        }
        Container sidecar = deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(SidecarContainer.NAME)).findFirst().orElseThrow();
        String flags = sidecar.getEnv().stream().filter(e -> e.getName().equals("JAVA_TOOL_OPTIONS"))
                .map(EnvVar::getValue).findFirst().orElseThrow();

        assertThat(flags).isEqualTo(SidecarContainer.JVM_FLAGS);
    }
}
