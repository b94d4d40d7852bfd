package io.rpik8s.monitoring.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The cluster at a glance.
 *
 * @param nodesReady         nodes whose Ready condition is True
 * @param nodesTotal         all nodes
 * @param simulated          whether any node is a simulated one ({@code rpi-k8s.io/simulated=true})
 * @param podsByPhase        pod count per phase
 * @param restartsLastHour   container restarts seen by the pod informer within the last hour
 * @param cpu                CPU cores requested by running and pending pods vs allocatable
 * @param memory             memory bytes requested vs allocatable
 * @param hottestNode        the node with the highest SoC temperature, when Prometheus reports any
 * @param hottestTemperature that temperature in °C
 * @param activeAlerts       alerts firing now
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterSummary(int nodesReady, int nodesTotal, boolean simulated, Map<String, Integer> podsByPhase,
        int restartsLastHour, Resource cpu, Resource memory, String hottestNode, Double hottestTemperature,
        int activeAlerts) {

    /** Requested vs allocatable amount of one resource. */
    public record Resource(double requested, double allocatable) {
    }
}
