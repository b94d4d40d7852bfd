package io.rpik8s.monitoring.alerts;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.rpik8s.monitoring.config.MonitoringConfig;
import io.rpik8s.monitoring.health.ServiceHealth;
import io.rpik8s.monitoring.health.ServiceHealthProber;
import io.rpik8s.monitoring.kube.ClusterCache;
import io.rpik8s.monitoring.kube.Nodes;
import io.rpik8s.monitoring.kube.Pods;
import io.rpik8s.monitoring.pi.PiReadings;
import io.rpik8s.monitoring.pi.PiReadingsCache;
import io.rpik8s.monitoring.pi.ThrottleState;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The built-in engine's rules ({@link BuiltInRule}): what conditions hold now, computed from the informer cache, Pi
 * readings and service probes.
 */
@ApplicationScoped
public class AlertRules {

    private static final Map<String, BuiltInRule> PRESSURES = Map.of("MemoryPressure",
            BuiltInRule.NODE_MEMORY_PRESSURE, "DiskPressure", BuiltInRule.NODE_DISK_PRESSURE, "PIDPressure",
            BuiltInRule.NODE_PID_PRESSURE);

    private final ClusterCache cluster;
    private final PiReadingsCache pi;
    private final ServiceHealthProber services;
    private final MonitoringConfig.Alerts config;

    public AlertRules(ClusterCache cluster, PiReadingsCache pi, ServiceHealthProber services,
            MonitoringConfig config) {
        this.cluster = cluster;
        this.pi = pi;
        this.services = services;
        this.config = config.alerts();
    }

    /** Every condition holding now; {@code firing} (fingerprints) lets temperature alerts use hysteresis. */
    public List<AlertCondition> evaluate(Set<String> firing) {
        List<AlertCondition> out = new ArrayList<>();
        for (Node node : cluster.nodes()) {
            nodeRules(node, firing, out);
        }
        for (Pod pod : cluster.pods()) {
            if ("CrashLoopBackOff".equals(Pods.waitingReason(pod))) {
                String namespace = pod.getMetadata().getNamespace();
                String name = pod.getMetadata().getName();
                int restarts = Pods.restarts(pod);
                out.add(BuiltInRule.POD_CRASH_LOOPING.holds("pod/" + namespace + "/" + name, (double) restarts, null,
                        "Pod " + namespace + "/" + name + " is in CrashLoopBackOff after " + restarts + " restarts",
                        Map.of("namespace", namespace, "pod", name), Duration.ZERO));
            }
        }
        for (ServiceHealth health : services.latest()) {
            if (health.installed() && !health.up()) {
                out.add(BuiltInRule.PLATFORM_SERVICE_DOWN.holds("service/" + health.name(), null, null,
                        "Platform service " + health.name() + " is down: " + health.lastError(),
                        Map.of("service", health.name()), Duration.ZERO));
            }
        }
        return out;
    }

    private void nodeRules(Node node, Set<String> firing, List<AlertCondition> out) {
        String name = node.getMetadata().getName();
        String subject = "node/" + name;
        Map<String, String> labels = Map.of("node", name);
        NodeCondition ready = Nodes.condition(node, "Ready").orElse(null);
        if (ready != null && !"True".equals(ready.getStatus())) {
            out.add(BuiltInRule.NODE_NOT_READY.holds(subject, null, null,
                    "Node " + name + " is not Ready (" + (ready.getReason() == null ? ready.getStatus()
                            : ready.getReason()) + ")", labels, config.nodeNotReadyFor()));
        }
        PRESSURES.forEach((type, rule) -> Nodes.condition(node, type).filter(c -> "True".equals(c.getStatus()))
                .ifPresent(c -> out.add(rule.holds(subject, null, null,
                        "Node " + name + " reports " + type, labels, Duration.ZERO))));
        PiReadings readings = pi.of(name).orElse(null);
        if (readings == null) {
            return;
        }
        Double temp = readings.temperatureCelsius();
        double threshold = config.temperatureThreshold();
        boolean alreadyFiring = firing.contains(AlertCondition.fingerprintOf(BuiltInRule.NODE_TEMPERATURE_HIGH.ruleName(), subject));
        // Hysteresis: a firing temperature alert holds until the reading drops clearly below the threshold.
        double limit = alreadyFiring ? threshold - config.temperatureHysteresis() : threshold;
        if (temp != null && temp > limit) {
            out.add(BuiltInRule.NODE_TEMPERATURE_HIGH.holds(subject, temp, threshold,
                    String.format("Node %s SoC temperature is %.1f °C (threshold %.1f °C)", name, temp, threshold),
                    labels, Duration.ZERO));
        }
        ThrottleState throttling = readings.throttling();
        if (throttling != null) {
            if (throttling.now().underVoltage()) {
                out.add(BuiltInRule.NODE_UNDER_VOLTAGE.holds(subject, (double) throttling.raw(), null,
                        "Node " + name + " is under-voltage now: check its power supply", labels, Duration.ZERO));
            }
            ThrottleState.Flags now = throttling.now();
            if (now.throttled() || now.armFrequencyCapped() || now.softTemperatureLimit()) {
                out.add(BuiltInRule.NODE_THROTTLED.holds(subject, (double) throttling.raw(), null,
                        "Node " + name + " is throttled now (throttled=" + now.throttled() + ", frequency capped="
                                + now.armFrequencyCapped() + ", soft temperature limit="
                                + now.softTemperatureLimit() + ")", labels, Duration.ZERO));
            }
        }
    }
}
