package io.rpik8s.webhook.delivery;

import io.rpik8s.webhook.config.WebhookConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** When the next attempt happens: the endpoint's schedule or the global one, with jitter. */
@ApplicationScoped
public class RetryPolicy {

    /** Retry-After values above this are capped, so that a receiver cannot park a message for ever. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

    private final List<Duration> defaultSchedule;
    private final double jitter;

    public RetryPolicy(WebhookConfig config) {
        this.defaultSchedule = List.copyOf(config.retrySchedule());
        this.jitter = config.retryJitter();
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

    /** Retry-After as delta-seconds (HTTP dates are rare for webhooks and ignored), capped. */
    public static Optional<Duration> retryAfter(String header) {
        if (header == null) {
            return Optional.empty();
        }
        try {
            Duration d = Duration.ofSeconds(Long.parseLong(header.trim()));
            return Optional.of(d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
