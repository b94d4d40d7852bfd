package io.rpik8s.monitoring.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One alert rule as {@code GET /alerts/rules} lists it.
 *
 * @param name       rule name, the {@code rule} of its alerts
 * @param group      rule group (raspberry-pi, nodes, pods, platform, webhook-delivery)
 * @param severity   critical, warning or info
 * @param state      {@code inactive}, {@code pending} (condition holds, not yet for long enough) or {@code firing}
 * @param source     {@code prometheus} (evaluated by Prometheus) or {@code built-in} (this service's engine)
 * @param query      the PromQL expression (Prometheus rules only)
 * @param forSeconds how long the condition must hold before the alert fires
 * @param summary    what the rule watches
 * @param active     how many alerts of the rule are pending or firing now
 * @param health     {@code ok}, {@code err} or {@code unknown} (Prometheus' last evaluation)
 * @param lastError  the last evaluation error, if any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertRuleView(String name, String group, String severity, String state, String source, String query,
        double forSeconds, String summary, int active, String health, String lastError) {
}
