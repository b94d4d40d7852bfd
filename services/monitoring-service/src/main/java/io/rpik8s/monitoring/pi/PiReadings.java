package io.rpik8s.monitoring.pi;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What Prometheus says about one Raspberry Pi node.
 *
 * @param temperatureCelsius hottest SoC sensor, or null when no temperature series matches the node
 * @param temperatureSource  the metric the temperature came from
 * @param throttling         decoded throttling bitmask, or null when no exporter reports it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PiReadings(Double temperatureCelsius, String temperatureSource, ThrottleState throttling) {
}
