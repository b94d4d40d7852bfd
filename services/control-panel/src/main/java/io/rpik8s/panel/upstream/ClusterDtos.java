package io.rpik8s.panel.upstream;

import java.util.List;
import java.util.Map;

/** What monitoring-service answers, as far as the panel shows it. */
public final class ClusterDtos {

    private ClusterDtos() {
    }

    /** {@code GET /cluster/summary}. */
    public record Summary(int nodesReady, int nodesTotal, boolean simulated, Map<String, Integer> podsByPhase,
            int restartsLastHour, Resource cpu, Resource memory, String hottestNode, Double hottestTemperature,
            int activeAlerts) {
    }

    /** Requested against allocatable (CPU in cores, memory in bytes). */
    public record Resource(double requested, double allocatable) {
    }

    /** A node with its usage and Raspberry Pi readings. */
    public record Node(String name, boolean ready, boolean simulated, List<String> roles, String arch, String os,
            String kubeletVersion, String internalIp, Map<String, String> capacity, Map<String, String> allocatable,
            Usage usage, Pi pi) {
    }

    /** CPU and memory in use. */
    public record Usage(String source, Double cpuCores, Double load1, Double memoryTotalBytes,
            Double memoryUsedBytes) {
    }

    /** Temperature and the decoded {@code vcgencmd get_throttled} state. */
    public record Pi(Double temperatureCelsius, String temperatureSource, Throttling throttling) {
    }

    /** Throttling now and since boot. */
    public record Throttling(long raw, Flags now, Flags sinceBoot) {
    }

    /** The four throttling flags. */
    public record Flags(boolean underVoltage, boolean armFrequencyCapped, boolean throttled,
            boolean softTemperatureLimit) {

        public boolean any() {
            return underVoltage || armFrequencyCapped || throttled || softTemperatureLimit;
        }
    }

    /** A platform service's health. */
    public record ServiceHealth(String name, String protocol, String address, boolean up, long latencyMs,
            String checkedAt, String lastError, String lastErrorAt, boolean installed) {
    }

    /** An alert, firing or resolved. */
    public record Alert(String fingerprint, String rule, String severity, String status, String subject, Double value,
            Double threshold, String message, Map<String, String> labels, String startsAt, String endsAt) {
    }

    /** One entry of an app's rollout timeline. */
    public record TimelineEntry(String id, String type, String source, String time, String traceId,
            Map<String, Object> data) {
    }
}
