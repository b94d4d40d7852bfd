package io.rpik8s.monitoring.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * An alert as {@code GET /alerts} and the stream show it.
 *
 * @param fingerprint stable identity
 * @param rule        rule name
 * @param severity    critical, warning or info
 * @param status      firing or resolved
 * @param subject     what it is about
 * @param value       observed value when it fired
 * @param threshold   configured threshold
 * @param message     description
 * @param labels      extra labels
 * @param startsAt    when it fired
 * @param endsAt      when it resolved
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertView(String fingerprint, String rule, String severity, String status, String subject, Double value,
        Double threshold, String message, Map<String, String> labels, Instant startsAt, Instant endsAt) {
}
