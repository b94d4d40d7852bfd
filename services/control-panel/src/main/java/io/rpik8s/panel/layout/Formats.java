package io.rpik8s.panel.layout;

import io.quarkus.qute.TemplateExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Number and time formats used in templates: {@code {bytes.bytes}}, {@code {time.ago}}, {@code {x.percentOf(y)}}. */
@TemplateExtension
public final class Formats {

    private Formats() {
    }

    /** 1536 -> "1.5 KiB". */
    static String bytes(Number value) {
        if (value == null) {
            return "–";
        }
        double v = value.doubleValue();
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int unit = 0;
        while (v >= 1024 && unit < units.length - 1) {
            v /= 1024;
            unit++;
        }
        return unit == 0 ? String.format(Locale.ROOT, "%.0f B", v) : String.format(Locale.ROOT, "%.1f %s", v, units[unit]);
    }

    /** One decimal: 52.46 -> "52.5". */
    static String oneDecimal(Number value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.1f", value.doubleValue());
    }

    /** Whole percent of {@code total}, clamped to 0-100 (for bars). */
    static int percentOf(Number part, Number total) {
        if (part == null || total == null || total.doubleValue() <= 0) {
            return 0;
        }
        return (int) Math.max(0, Math.min(100, Math.round(100 * part.doubleValue() / total.doubleValue())));
    }

    /** The items joined by {@code separator}; empty for none. */
    static String join(java.util.List<String> items, String separator) {
        return items == null ? "" : String.join(separator, items);
    }

    /** Whole percent of a CPU quantity ("4", "3900m") that {@code cores} is; 0 when unknown. */
    static int percentOfCores(Double cores, String quantity) {
        if (cores == null || quantity == null || quantity.isBlank()) {
            return 0;
        }
        double total = quantity.endsWith("m") ? Double.parseDouble(quantity.substring(0, quantity.length() - 1)) / 1000
                : Double.parseDouble(quantity);
        return percentOf(cores, total);
    }

    /** For query strings: "train/a b" -> "train%2Fa+b". */
    static String urlEncode(String value) {
        return value == null ? "" : java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The part of {@code value} after {@code prefix} (an object's name inside the folder shown). */
    static String after(String value, String prefix) {
        return prefix != null && value.startsWith(prefix) ? value.substring(prefix.length()) : value;
    }

    /** A JSON document indented for reading. */
    static String pretty(com.fasterxml.jackson.databind.JsonNode json) {
        return json == null ? "" : json.toPrettyString();
    }

    /** An ISO-8601 time as "3 min ago"; the text itself when it is not one. */
    static String ago(String time) {
        if (time == null || time.isBlank()) {
            return "–";
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            return time;
        }
        long s = Math.max(0, Duration.between(at, Instant.now()).toSeconds());
        if (s < 60) {
            return s + " s ago";
        }
        if (s < 3600) {
            return s / 60 + " min ago";
        }
        if (s < 86400) {
            return s / 3600 + " h ago";
        }
        return s / 86400 + " d ago";
    }
}
