package io.rpik8s.monitoring.alerts.alertmanager;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The body of Alertmanager's webhook (payload version 4, the only one Alertmanager sends); fields this service does
 * not use are ignored: unlike the platform's own request bodies, which refuse unknown fields, this is another
 * program's payload, which may grow with its versions.
 *
 * @param version  payload version, {@code 4}
 * @param receiver the receiver's name in alertmanager.yml
 * @param status   {@code firing} when any alert of the group fires
 * @param alerts   the group's alerts, each firing or resolved
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertmanagerNotification(String version, String receiver, String status,
        @NotNull(message = "must be present") List<@Valid @NotNull Alert> alerts) {

    /**
     * One alert as Alertmanager sends it.
     *
     * @param status      {@code firing} or {@code resolved}
     * @param labels      the rule's labels and the series' labels; {@code alertname} is the rule
     * @param annotations the rule's annotations, templated by Prometheus
     * @param startsAt    when it started firing
     * @param endsAt      when it resolved (a zero time while firing)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Alert(
            @NotNull(message = "must be firing or resolved")
            @Pattern(regexp = "firing|resolved", message = "must be firing or resolved") String status,
            @NotNull(message = "must be present") Map<String, String> labels,
            Map<String, String> annotations,
            @NotNull(message = "must be present") Instant startsAt,
            Instant endsAt) {

        /** The rule's name. */
        public String alertname() {
            return labels.get("alertname");
        }
    }

    /** What a notification changed: alerts that started firing and alerts that resolved (repeats change nothing). */
    public record Receipt(int fired, int resolved) {
    }
}
