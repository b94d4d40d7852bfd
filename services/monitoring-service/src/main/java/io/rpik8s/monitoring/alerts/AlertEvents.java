package io.rpik8s.monitoring.alerts;

import io.rpik8s.model.events.AlertPayload;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.model.events.PlatformEvent;

/** The {@code alert.firing} and {@code alert.resolved} events, the same whichever source the alert came from. */
public final class AlertEvents {

    static final String SERVICE = "monitoring-service";

    private AlertEvents() {
    }

    public static EventEnvelope firing(AlertView alert) {
        return envelope(EventTypes.ALERT_FIRING, alert);
    }

    public static EventEnvelope resolved(AlertView alert) {
        return envelope(EventTypes.ALERT_RESOLVED, alert);
    }

    private static EventEnvelope envelope(String type, AlertView a) {
        return EventEnvelope.of(SERVICE, PlatformEvent.alert(type, new AlertPayload(a.fingerprint(), a.rule(),
                a.severity(), a.status(), a.subject(), a.value(), a.threshold(), a.message(), a.labels(),
                a.startsAt(), a.endsAt())));
    }
}
