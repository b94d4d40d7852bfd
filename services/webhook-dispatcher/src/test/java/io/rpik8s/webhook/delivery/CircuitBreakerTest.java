package io.rpik8s.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The per-endpoint breaker on its own: closed, open for the period without attempts, one half-open trial decides. */
class CircuitBreakerTest {

    static final Instant T0 = Instant.parse("2026-11-25T22:00:00Z");
    static final Duration OPEN_FOR = Duration.ofSeconds(30);

    final CircuitBreaker breaker = new CircuitBreaker(3, OPEN_FOR);

    void fail(String id, int times, Instant at) {
        for (int i = 0; i < times; i++) {
            assertThat(breaker.admit(id, at)).isNull();
            breaker.failure(id, at);
        }
    }

    @Test
    void staysClosedBelowTheThresholdAndASuccessResetsTheCount() {
        fail("a", 2, T0);
        assertThat(breaker.state("a", T0)).isEqualTo(CircuitBreaker.Circuit.CLOSED);
        breaker.success("a");
        fail("a", 2, T0);
        assertThat(breaker.admit("a", T0)).isNull();
        assertThat(breaker.state("a", T0)).isEqualTo(CircuitBreaker.Circuit.CLOSED);
    }

    @Test
    void opensAfterNConsecutiveFailuresAndHoldsEveryDeliveryForTheOpenPeriod() {
        fail("a", 3, T0);
        assertThat(breaker.state("a", T0)).isEqualTo(CircuitBreaker.Circuit.OPEN);
        assertThat(breaker.openUntil("a", T0)).isEqualTo(T0.plus(OPEN_FOR));
        for (int s = 0; s < 30; s += 5) {
            assertThat(breaker.admit("a", T0.plusSeconds(s))).as("second %d", s).isEqualTo(T0.plus(OPEN_FOR));
        }
        assertThat(breaker.admit("other", T0)).as("other endpoints are not affected").isNull();
    }

    @Test
    void afterTheOpenPeriodOneTrialGoesAndItsSuccessCloses() {
        fail("a", 3, T0);
        Instant later = T0.plus(OPEN_FOR);
        assertThat(breaker.state("a", later)).isEqualTo(CircuitBreaker.Circuit.HALF_OPEN);
        assertThat(breaker.admit("a", later)).as("the trial").isNull();
        assertThat(breaker.admit("a", later)).as("others wait for the trial").isAfter(later);
        breaker.success("a");
        assertThat(breaker.state("a", later)).isEqualTo(CircuitBreaker.Circuit.CLOSED);
        assertThat(breaker.admit("a", later)).isNull();
    }

    @Test
    void aFailedTrialOpensTheBreakerForAnotherPeriod() {
        fail("a", 3, T0);
        Instant later = T0.plus(OPEN_FOR).plusSeconds(1);
        assertThat(breaker.admit("a", later)).isNull();
        breaker.failure("a", later);
        assertThat(breaker.state("a", later)).isEqualTo(CircuitBreaker.Circuit.OPEN);
        assertThat(breaker.admit("a", later.plusSeconds(29))).isEqualTo(later.plus(OPEN_FOR));
        assertThat(breaker.admit("a", later.plus(OPEN_FOR))).as("next trial").isNull();
    }

    @Test
    void aTrialLostWithoutAnOutcomeFreesTheSlotAfterAPeriod() {
        fail("a", 3, T0);
        Instant later = T0.plus(OPEN_FOR);
        assertThat(breaker.admit("a", later)).isNull();
        assertThat(breaker.admit("a", later.plusSeconds(10))).isNotNull();
        assertThat(breaker.admit("a", later.plus(OPEN_FOR))).isNull();
    }
}
