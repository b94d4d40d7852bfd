package io.rpik8s.monitoring.alerts;

import java.time.Duration;
import java.util.Map;

/**
 * The built-in engine's rules: the offline equivalents, by name and severity, of the Prometheus rules in
 * {@code kubernetes/base-services/prometheus/rules} (a test holds them together; docs/adr/0006-one-alert-rule-set.md).
 * They run only where no Prometheus ruler and Alertmanager are configured.
 */
public enum BuiltInRule {

    NODE_NOT_READY("NodeNotReady", "nodes", "critical", "Ready is not True for node-not-ready-for"),
    NODE_MEMORY_PRESSURE("NodeMemoryPressure", "nodes", "warning", "the node reports MemoryPressure"),
    NODE_DISK_PRESSURE("NodeDiskPressure", "nodes", "warning", "the node reports DiskPressure"),
    NODE_PID_PRESSURE("NodePidPressure", "nodes", "warning", "the node reports PIDPressure"),
    NODE_TEMPERATURE_HIGH("NodeTemperatureHigh", "raspberry-pi", "warning",
            "SoC temperature above temperature-threshold (resolves below it minus temperature-hysteresis)"),
    NODE_UNDER_VOLTAGE("NodeUnderVoltage", "raspberry-pi", "critical", "throttling bit 0: under-voltage now"),
    NODE_THROTTLED("NodeThrottled", "raspberry-pi", "warning",
            "throttling bits 1-3 now: frequency capped, throttled or soft temperature limit"),
    POD_CRASH_LOOPING("PodCrashLooping", "pods", "warning", "a container waits in CrashLoopBackOff"),
    PLATFORM_SERVICE_DOWN("PlatformServiceDown", "platform", "critical", "the service's health probe fails");

    private final String ruleName;
    private final String group;
    private final String severity;
    private final String summary;

    BuiltInRule(String ruleName, String group, String severity, String summary) {
        this.ruleName = ruleName;
        this.group = group;
        this.severity = severity;
        this.summary = summary;
    }

    public String ruleName() {
        return ruleName;
    }

    public String group() {
        return group;
    }

    public String severity() {
        return severity;
    }

    public String summary() {
        return summary;
    }

    /** This rule holding now for {@code subject}. */
    AlertCondition holds(String subject, Double value, Double threshold, String message, Map<String, String> labels,
            Duration holdFor) {
        return new AlertCondition(ruleName, severity, subject, value, threshold, message, labels, holdFor);
    }
}
