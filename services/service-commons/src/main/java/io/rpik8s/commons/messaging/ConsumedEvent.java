package io.rpik8s.commons.messaging;

import io.opentelemetry.context.Context;
import io.rpik8s.commons.tracing.TraceContext;
import io.rpik8s.model.events.EventEnvelope;

/**
 * A platform event read from a Kafka record, with the trace of the change that caused it.
 *
 * @param envelope    the CloudEvent: id, type, source, subject, time and the typed data
 * @param traceparent the record's W3C traceparent, null if it had none
 */
public record ConsumedEvent(EventEnvelope envelope, String traceparent) {

    /** The trace id of the change that caused the event, null if the record carried none. */
    public String traceId() {
        return TraceContext.traceIdOf(traceparent);
    }

    /** The producer's span, to start work on this event as its child. */
    public Context parent() {
        return TraceContext.parentOf(traceparent);
    }
}
