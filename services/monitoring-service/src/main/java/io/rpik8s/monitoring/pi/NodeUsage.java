package io.rpik8s.monitoring.pi;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Node usage, from the Kubernetes metrics API ({@code metrics.k8s.io}) when the cluster serves it, else from
 * node-exporter series in Prometheus.
 *
 * @param source             {@code metrics.k8s.io} or {@code node-exporter}
 * @param cpuCores           CPU in use, in cores (metrics API only)
 * @param load1              1-minute load average ({@code node_load1}, node-exporter only)
 * @param memoryTotalBytes   node memory capacity (metrics API) or {@code node_memory_MemTotal_bytes}
 * @param memoryUsedBytes    working set (metrics API) or total minus {@code node_memory_MemAvailable_bytes}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeUsage(String source, Double cpuCores, Double load1, Double memoryTotalBytes,
        Double memoryUsedBytes) {

    public static final String METRICS_API = "metrics.k8s.io";
    public static final String NODE_EXPORTER = "node-exporter";

    /** Usage from node-exporter series. */
    public static NodeUsage fromNodeExporter(Double load1, Double memoryTotalBytes, Double memoryUsedBytes) {
        return new NodeUsage(NODE_EXPORTER, null, load1, memoryTotalBytes, memoryUsedBytes);
    }
}
