package io.rpik8s.dev.simcluster;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Human-readable durations the way kubectl prints them ({@code 45s}, {@code 3m12s}, {@code 5h}, {@code 2d3h}). */
final class Ages {

    private Ages() {
    }

    static String since(String timestamp, Instant now) {
        if (timestamp == null || timestamp.isEmpty()) {
            return "<unknown>";
        }
        try {
            return human(Duration.between(Instant.parse(timestamp), now));
        } catch (DateTimeParseException e) {
            return "<unknown>";
        }
    }

    static String human(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 120) {
            return s + "s";
        }
        long m = s / 60;
        if (m < 10) {
            return s % 60 == 0 ? m + "m" : m + "m" + (s % 60) + "s";
        }
        if (m < 180) {
            return m + "m";
        }
        long h = m / 60;
        if (h < 8) {
            return m % 60 == 0 ? h + "h" : h + "h" + (m % 60) + "m";
        }
        if (h < 48) {
            return h + "h";
        }
        long days = h / 24;
        if (days < 8) {
            return h % 24 == 0 ? days + "d" : days + "d" + (h % 24) + "h";
        }
        return days < 730 ? days + "d" : (days / 365) + "y";
    }
}
