package io.rpik8s.monitoring.alerts.alertmanager;

import io.rpik8s.monitoring.alerts.AlertCondition;
import io.rpik8s.monitoring.alerts.AlertView;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns an alert of Alertmanager into the platform's alert: rule = {@code alertname}; severity = the {@code severity}
 * label; subject, value and threshold from the rule's annotations of those names; message = {@code summary}. The
 * fingerprint is the platform's (rule + subject), so an alert keeps its identity whichever engine raised it.
 */
final class AlertmanagerMapping {

    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
    private static final Set<String> NOT_LABELS = Set.of("alertname", "severity");

    private AlertmanagerMapping() {
    }

    static AlertView toView(AlertmanagerNotification.Alert alert) {
        Map<String, String> annotations = alert.annotations() == null ? Map.of() : alert.annotations();
        String rule = alert.alertname();
        String subject = subjectOf(rule, alert.labels(), annotations.get("subject"));
        String severity = SEVERITIES.contains(alert.labels().get("severity")) ? alert.labels().get("severity")
                : "warning";
        String message = firstPresent(annotations.get("summary"), annotations.get("description"), rule + " on "
                + subject);
        Map<String, String> labels = new TreeMap<>(alert.labels());
        labels.keySet().removeAll(NOT_LABELS);
        return new AlertView(AlertCondition.fingerprintOf(rule, subject), rule, severity, alert.status(), subject,
                number(annotations.get("value")), number(annotations.get("threshold")), message, labels,
                alert.startsAt().truncatedTo(ChronoUnit.MILLIS), null);
    }

    /** When it resolved: Alertmanager's end time, or now if it sent none. */
    static Instant endOf(AlertmanagerNotification.Alert alert) {
        Instant end = alert.endsAt();
        return end == null || end.getEpochSecond() <= 0 ? Instant.now().truncatedTo(ChronoUnit.MILLIS)
                : end.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The rule's {@code subject} annotation, else derived from the usual labels as the built-in rules name them. */
    private static String subjectOf(String rule, Map<String, String> labels, String annotated) {
        if (annotated != null && !annotated.isBlank() && !annotated.endsWith("/")) {
            return annotated;
        }
        if (labels.containsKey("namespace") && labels.containsKey("pod")) {
            return "pod/" + labels.get("namespace") + "/" + labels.get("pod");
        }
        if (labels.containsKey("node")) {
            return "node/" + labels.get("node");
        }
        if (labels.containsKey("service")) {
            return "service/" + labels.get("service");
        }
        return "cluster/" + rule;
    }

    /** A finite number, or null: JSON has no NaN or infinity, and a rule may template anything. */
    private static Double number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            double value = Double.parseDouble(text.trim());
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String firstPresent(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c;
            }
        }
        return "";
    }
}
