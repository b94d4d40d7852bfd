package io.rpik8s.dev.simcluster.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rpik8s.dev.simcluster.controller.LifecycleRules.Behaviour;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The simulated kubelet's lifecycle is data: the built-in rules as documented, and a file of one's own. */
class LifecycleRulesTest {

    @Test
    void theBuiltInRulesFailImagesByNameAndBackOffLikeTheKubelet() throws IOException {
        LifecycleRules rules;
        try (InputStream in = getClass().getResourceAsStream("/io/rpik8s/dev/simcluster/pod-lifecycle.yaml")) {
            rules = LifecycleRules.read(in);
        }

        assertThat(rules.behaviourOf("nginx:1.27")).isEqualTo(Behaviour.RUNS);
        assertThat(rules.behaviourOf("nginx:broken-tag")).isEqualTo(Behaviour.IMAGE_PULL_BACK_OFF);
        assertThat(rules.behaviourOf("registry.local:5000/team/does-not-exist:1")).isEqualTo(Behaviour.IMAGE_PULL_BACK_OFF);
        assertThat(rules.behaviourOf("registry.local:5000/broken/web:1.0")).as("'broken' in the path, not the tag")
                .isEqualTo(Behaviour.RUNS);
        assertThat(rules.behaviourOf("ghcr.io/acme/crashloop:2")).isEqualTo(Behaviour.CRASH_LOOP);
        assertThat(rules.behaviourOf("nginx:1.28-unready")).isEqualTo(Behaviour.NEVER_READY);
        assertThat(rules.behaviourOf("ghcr.io/acme/never-ready:1")).isEqualTo(Behaviour.NEVER_READY);
        assertThat(rules.steps().containerStarts()).isEqualTo(Duration.ofSeconds(2));
        assertThat(java.util.stream.IntStream.range(0, 7).mapToObj(rules::crashBackOff).map(Duration::toSeconds))
                .containsExactly(10L, 20L, 40L, 80L, 160L, 300L, 300L);
        assertThat(rules.scaled(0.2).steps().readyAfter()).isEqualTo(Duration.ofMillis(600));
    }

    @Test
    void aFileOfOnesOwnAddsBehavioursAndNamesWhatItDoesNotKnow() throws IOException {
        LifecycleRules rules = LifecycleRules.read(yaml("""
                steps: {pullStarts: PT0.5S, containerStarts: PT1S, readyAfter: PT30S, pullBackOffAfter: PT2S, crashRun: PT1S}
                crashLoopBackOff: {initial: PT1S, max: PT8S}
                rules:
                  - {behaviour: crash-loop, imageContains: "/flaky/"}
                """));

        assertThat(rules.behaviourOf("registry.local:5000/flaky/api:3")).isEqualTo(Behaviour.CRASH_LOOP);
        assertThat(rules.behaviourOf("nginx:broken")).as("only the file's rules apply").isEqualTo(Behaviour.RUNS);
        assertThat(rules.crashBackOff(5)).isEqualTo(Duration.ofSeconds(8));
        assertThatThrownBy(() -> LifecycleRules.read(yaml("""
                steps: {pullStarts: PT1S, containerStarts: PT2S, readyAfter: PT3S, pullBackOffAfter: PT4S, crashRun: PT3S}
                crashLoopBackOff: {initial: PT10S, max: PT5M}
                rules:
                  - {behaviour: crash-loop, imageMatches: "x"}
                """))).hasMessageContaining("imageMatches");
    }

    private static InputStream yaml(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
