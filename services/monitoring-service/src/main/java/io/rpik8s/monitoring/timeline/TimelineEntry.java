package io.rpik8s.monitoring.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One step of a rollout, as consumed from {@code platform.deployments}.
 *
 * @param id      the CloudEvents id
 * @param type    the event type (deployment.created, deployment.ready, ...)
 * @param source  the emitting service
 * @param time    the event time
 * @param traceId the trace id from the record's traceparent, to find the change in the traces
 * @param data    the event data as published
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimelineEntry(String id, String type, String source, Instant time, String traceId, JsonNode data) {
}
