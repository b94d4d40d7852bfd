package io.rpik8s.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Retry-After as seconds and as an HTTP-date, capped by configuration. */
class RetryPolicyTest {

    static final Instant NOW = Instant.parse("2026-11-25T22:00:00Z");

    final RetryPolicy policy = new RetryPolicy(TestConfigs.config(false, Map.of("retryAfterMax",
            Duration.ofHours(1))));

    static String httpDate(Instant t) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(t.atOffset(ZoneOffset.UTC));
    }

    @Test
    void secondsAreTakenAsIs() {
        assertThat(policy.retryAfter("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(policy.retryAfter(" 0 ", NOW)).contains(Duration.ZERO);
    }

    @Test
    void anHttpDateIsTheTimeUntilThatDate() {
        assertThat(httpDate(NOW.plusSeconds(90))).isEqualTo("Wed, 25 Nov 2026 22:01:30 GMT");
        assertThat(policy.retryAfter("Wed, 25 Nov 2026 22:01:30 GMT", NOW)).contains(Duration.ofSeconds(90));
        assertThat(policy.retryAfter(httpDate(NOW.minusSeconds(30)), NOW)).contains(Duration.ZERO);
    }

    @Test
    void bothFormsAreCappedByConfiguration() {
        assertThat(policy.retryAfter("86400", NOW)).contains(Duration.ofHours(1));
        assertThat(policy.retryAfter(httpDate(NOW.plus(Duration.ofDays(3))), NOW)).contains(Duration.ofHours(1));
        assertThat(policy.retryAfter("99999999999999999999999", NOW)).contains(Duration.ofHours(1));
    }

    @Test
    void absentOrUnreadableValuesLeaveTheSchedule() {
        assertThat(policy.retryAfter(null, NOW)).isEmpty();
        assertThat(policy.retryAfter("", NOW)).isEmpty();
        assertThat(policy.retryAfter("soon", NOW)).isEmpty();
        assertThat(policy.retryAfter("-5", NOW)).isEmpty();
        assertThat(policy.retryAfter("2026-11-25T22:01:30Z", NOW)).isEmpty();
    }
}
