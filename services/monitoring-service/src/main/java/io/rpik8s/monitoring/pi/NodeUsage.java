package io.rpik8s.monitoring.pi;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Node usage from node-exporter series in Prometheus.
 *
 * @param load1              1-minute load average ({@code node_load1})
 * @param memoryTotalBytes   {@code node_memory_MemTotal_bytes}
 * @param memoryUsedBytes    total minus {@code node_memory_MemAvailable_bytes}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeUsage(Double load1, Double memoryTotalBytes, Double memoryUsedBytes) {
}
