package io.rpik8s.model.plugin.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformWritesTest {

    @Test
    void aStampedWriteIsThePlatformsAndAWriteThatKeepsTheStampIsNot() {
        Deployment created = PlatformWrites.stamp(deployment(Map.of("team", "ml")));
        Deployment scaledByPlatform = PlatformWrites.stamp(copy(created));
        Deployment scaledByKubectl = copy(scaledByPlatform);
        scaledByKubectl.getSpec().setReplicas(5);

        assertThat(PlatformWrites.isPlatformWrite(null, created)).isTrue();
        assertThat(PlatformWrites.isPlatformWrite(created, scaledByPlatform)).isTrue();
        assertThat(PlatformWrites.isPlatformWrite(scaledByPlatform, scaledByKubectl)).isFalse();
        assertThat(scaledByPlatform.getMetadata().getAnnotations()).containsEntry("team", "ml");
    }

    @Test
    void rolloutUndoPuttingBackAnOlderStampIsNotThePlatforms() {
        Deployment older = deployment(Map.of(PlatformWrites.WRITE, "1000"));
        Deployment newer = deployment(Map.of(PlatformWrites.WRITE, "2000"));

        assertThat(PlatformWrites.isPlatformWrite(newer, older)).isFalse();
        assertThat(PlatformWrites.isPlatformWrite(older, PlatformWrites.stamp(copy(older)))).isTrue();
    }

    @Test
    void aStampThatIsNotANumberCountsAsNone() {
        Deployment garbled = deployment(Map.of(PlatformWrites.WRITE, "yesterday"));

        assertThat(PlatformWrites.isPlatformWrite(garbled, copy(garbled))).isFalse();
        assertThat(PlatformWrites.isPlatformWrite(garbled, PlatformWrites.stamp(copy(garbled)))).isTrue();
    }

    @Test
    void onlyADeletionStampedSoIsThePlatforms() {
        Deployment live = PlatformWrites.stamp(deployment(null));

        assertThat(PlatformWrites.isPlatformDeletion(live)).isFalse();
        assertThat(PlatformWrites.isPlatformDeletion(PlatformWrites.stampDeletion(copy(live)))).isTrue();
    }

    private static Deployment deployment(Map<String, String> annotations) {
        return new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("apps")
                .withAnnotations(annotations).endMetadata().withNewSpec().withReplicas(1).endSpec().build();
    }

    private static Deployment copy(Deployment d) {
        return new DeploymentBuilder(d).build();
    }
}
