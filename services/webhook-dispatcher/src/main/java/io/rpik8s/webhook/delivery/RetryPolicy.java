package io.rpik8s.webhook.delivery;

import io.rpik8s.webhook.config.WebhookConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** When the next attempt happens: the endpoint's schedule or the global one, with jitter. */
@ApplicationScoped
public class RetryPolicy {

    private final List<Duration> defaultSchedule;
    private final double jitter;
    private final Duration retryAfterMax;

    public RetryPolicy(WebhookConfig config) {
        this.defaultSchedule = List.copyOf(config.retrySchedule());
        this.jitter = config.retryJitter();
        this.retryAfterMax = config.retryAfterMax();
    }

    /** Parses {@code 5s,5m,2h,1d}. */
    public static List<Duration> parse(String schedule) {
        List<Duration> delays = new ArrayList<>();
        for (String part : schedule.split(",")) {
            String p = part.trim();
            long n = Long.parseLong(p.substring(0, p.length() - 1));
            delays.add(switch (p.charAt(p.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new IllegalArgumentException("Bad delay " + p);
            });
        }
        return delays;
    }

    /** The delay before attempt {@code attemptsMade + 1}, or empty when the schedule is exhausted. */
    public Optional<Duration> delayAfter(int attemptsMade, String endpointSchedule) {
        List<Duration> schedule = endpointSchedule == null ? defaultSchedule : parse(endpointSchedule);
        if (attemptsMade < 1 || attemptsMade > schedule.size()) {
            return Optional.empty();
        }
        Duration base = schedule.get(attemptsMade - 1);
        // Jitter spreads retries of many messages that failed together (a receiver outage) over time.
        double factor = 1 + (ThreadLocalRandom.current().nextDouble() * 2 - 1) * jitter;
        return Optional.of(Duration.ofMillis(Math.max(0, Math.round(base.toMillis() * factor))));
    }

    /**
     * Retry-After as delta-seconds or as an HTTP-date (the RFC 9110 IMF-fixdate, {@code Wed, 21 Oct 2015 07:28:00
     * GMT}), relative to {@code now}; a date in the past means now. Capped by {@code retry-after-max} so that a receiver cannot park a message for ever. Empty when absent
     * or unreadable (the schedule applies).
     */
    public Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        Duration asked;
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                asked = Duration.ofSeconds(Long.parseLong(value));
            } catch (NumberFormatException e) {
                asked = retryAfterMax; // more digits than a long holds: as long as allowed
            }
        } else {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                asked = at.isBefore(now) ? Duration.ZERO : Duration.between(now, at);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.of(asked.compareTo(retryAfterMax) > 0 ? retryAfterMax : asked);
    }
}
