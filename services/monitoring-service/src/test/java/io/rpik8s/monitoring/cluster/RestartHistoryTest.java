package io.rpik8s.monitoring.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RestartHistoryTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private final RestartHistory history = new RestartHistory(clock);

    @Test
    void countsIncreasesSeenWithinTheLastHourAndForgetsOlderOnes() {
        history.observe(pod("uid-1", 0, null));
        assertThat(history.lastHour()).isZero();

        history.observe(pod("uid-1", 2, null));
        assertThat(history.lastHour()).isEqualTo(2);
        history.observe(pod("uid-1", 2, null));
        assertThat(history.lastHour()).as("an unchanged count is no restart").isEqualTo(2);

        clock.advance(Duration.ofMinutes(30));
        history.observe(pod("uid-1", 3, null));
        assertThat(history.lastHour()).isEqualTo(3);

        clock.advance(Duration.ofMinutes(31));
        assertThat(history.lastHour()).as("the first two restarts are older than an hour").isEqualTo(1);
        clock.advance(Duration.ofMinutes(30));
        assertThat(history.lastHour()).isZero();
    }

    @Test
    void aRecreatedPodStartsAgainAndAFirstSightCountsOnlyARecentLastRestart() {
        history.observe(pod("uid-1", 5, "2026-11-25T11:50:00Z"));
        assertThat(history.lastHour()).as("seen first with a restart 10 minutes ago").isEqualTo(1);
        history.observe(pod("uid-2", 0, null));
        history.observe(pod("uid-2", 1, null));
        assertThat(history.lastHour()).isEqualTo(2);

        history.observe(pod("uid-3", 9, "2026-11-25T10:00:00Z"));
        assertThat(history.lastHour()).as("a last restart two hours ago is not counted").isEqualTo(2);

        history.forget(pod("uid-2", 1, null));
        history.observe(pod("uid-2", 1, null));
        assertThat(history.lastHour()).as("a forgotten pod seen again is a first sight").isEqualTo(2);
    }

    private static Pod pod(String uid, int restarts, String lastFinishedAt) {
        var status = new ContainerStatusBuilder().withName("main").withRestartCount(restarts);
        if (lastFinishedAt != null) {
            status.withNewLastState().withNewTerminated().withExitCode(1).withFinishedAt(lastFinishedAt)
                    .endTerminated().endLastState();
        }
        return new PodBuilder().withNewMetadata().withNamespace("apps").withName("worker").withUid(uid)
                .endMetadata().withNewStatus().withPhase("Running").withContainerStatuses(status.build())
                .endStatus().build();
    }

    /** A clock the test moves forward. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
