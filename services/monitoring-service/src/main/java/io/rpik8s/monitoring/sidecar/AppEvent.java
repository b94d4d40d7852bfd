package io.rpik8s.monitoring.sidecar;

import io.rpik8s.model.events.PlatformEvent;

/**
 * One event of an app as its sidecar receives it.
 *
 * @param id   the CloudEvents id for deployment events; fingerprint and status for alerts (stable per change)
 * @param data the event data, in the shape of the Kafka record and the webhook body
 */
public record AppEvent(String id, PlatformEvent data) {
}
