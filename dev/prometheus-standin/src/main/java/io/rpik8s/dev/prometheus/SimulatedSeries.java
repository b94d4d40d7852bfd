package io.rpik8s.dev.prometheus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The simulated time series the stand-in serves: node temperatures, throttling, kubelet volume stats, {@code up}. */
public final class SimulatedSeries {

    /** A node to report on: its Kubernetes name and internal IP. */
    public record NodeInfo(String name, String ip) {
    }

    /** A bound claim to report volume stats for. */
    public record VolumeInfo(String namespace, String claim, long capacityBytes, String node, Instant created) {
    }

    /** A series: labels (with {@code __name__}) and a value function of time. */
    record Series(Map<String, String> labels, java.util.function.Function<Instant, Double> value) {
    }

    private final ThermalModel thermal;
    private final Supplier<List<NodeInfo>> nodes;
    private final Supplier<List<VolumeInfo>> volumes;

    public SimulatedSeries(ThermalModel thermal, Supplier<List<NodeInfo>> nodes, Supplier<List<VolumeInfo>> volumes) {
        this.thermal = thermal;
        this.nodes = nodes;
        this.volumes = volumes;
    }

    List<Series> all() {
        List<Series> series = new ArrayList<>();
        for (NodeInfo n : nodes.get()) {
            String exporter = n.ip() + ":9100";
            series.add(new Series(labels("node_thermal_zone_temp", "instance", exporter, "job", "node-exporter",
                    "node", n.name(), "type", "cpu-thermal", "zone", "0"), t -> thermal.temperature(n.name(), t)));
            series.add(new Series(labels("node_hwmon_temp_celsius", "chip", "thermal_thermal_zone0", "instance", exporter,
                    "job", "node-exporter", "node", n.name(), "sensor", "temp0"), t -> thermal.temperature(n.name(), t)));
            series.add(new Series(labels("rpi_throttled_status", "instance", n.ip() + ":9243", "job", "rpi-exporter",
                    "node", n.name()), t -> (double) thermal.throttled(n.name(), t)));
            series.add(new Series(labels("up", "instance", exporter, "job", "node-exporter", "node", n.name()), t -> 1.0));
        }
        for (VolumeInfo v : volumes.get()) {
            String[] common = {"instance", v.node() + ":10250", "job", "kubelet", "metrics_path", "/metrics",
                "namespace", v.namespace(), "node", v.node(), "persistentvolumeclaim", v.claim()};
            series.add(new Series(labels("kubelet_volume_stats_capacity_bytes", common), t -> (double) v.capacityBytes()));
            series.add(new Series(labels("kubelet_volume_stats_used_bytes", common), t -> (double) used(v, t)));
            series.add(new Series(labels("kubelet_volume_stats_available_bytes", common), t -> (double) (v.capacityBytes() - used(v, t))));
        }
        return series;
    }

    /** Used space: a per-claim share (claims named *full* run nearly full) growing slowly since creation. */
    static long used(VolumeInfo v, Instant at) {
        double share = v.claim().contains("full") ? 0.93 : 0.12 + (Math.abs((v.namespace() + "/" + v.claim()).hashCode()) % 55) / 100.0;
        double hours = Math.max(0, Duration.between(v.created(), at).toSeconds() / 3600.0);
        double fraction = Math.min(0.985, share + 0.01 * hours);
        return Math.round(v.capacityBytes() * fraction / 4096) * 4096;
    }

    private static Map<String, String> labels(String name, String... pairs) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("__name__", name);
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            labels.put(pairs[i], pairs[i + 1]);
        }
        return labels;
    }
}
