package io.rpik8s.model.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * The {@code alert} object of {@code alert.firing} and {@code alert.resolved}.
 *
 * @param fingerprint stable identity of the alert: the same rule on the same subject always has the same one
 * @param rule        the rule name, e.g. {@code NodeTemperatureHigh}
 * @param severity    {@code critical}, {@code warning} or {@code info}
 * @param status      {@code firing} or {@code resolved}
 * @param subject     what the alert is about, e.g. {@code node/pi-worker-1} or {@code pod/default/my-app-7d9f}
 * @param value       the observed value that crossed the threshold, when numeric
 * @param threshold   the configured threshold, when numeric
 * @param message     human-readable description
 * @param labels      extra labels (node, namespace, service...)
 * @param startsAt    when the condition started firing
 * @param endsAt      when it resolved (resolved events only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertPayload(
        String fingerprint,
        String rule,
        String severity,
        String status,
        String subject,
        Double value,
        Double threshold,
        String message,
        Map<String, String> labels,
        Instant startsAt,
        Instant endsAt) {
}
