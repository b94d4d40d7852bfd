package io.rpik8s.monitoring.prometheus;

import java.util.Map;

/** One element of an instant vector: the series labels and its value. */
public record PrometheusSample(Map<String, String> labels, double value) {
}
