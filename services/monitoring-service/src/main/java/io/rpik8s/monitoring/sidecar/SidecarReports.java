package io.rpik8s.monitoring.sidecar;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.rpik8s.commons.messaging.PlatformEventPublisher;
import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.model.events.AppPayload;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.model.events.PlatformEvent;
import io.rpik8s.model.plugin.AppRef;
import io.rpik8s.model.sidecar.CustomEvent;
import io.rpik8s.model.sidecar.HealthReport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Publishes what an app says about itself as events of that app ({@code app.health_reported}, {@code app.custom} on
 * {@code platform.deployments}), under the trace of the sidecar's request. Nothing is stored: a report is news, not
 * state.
 */
@ApplicationScoped
public class SidecarReports {

    static final String SERVICE = "monitoring-service";
    private static final Set<String> STATUSES = Set.of(AppPayload.HEALTHY, AppPayload.DEGRADED, AppPayload.UNHEALTHY);
    private static final Pattern TYPE = Pattern.compile("[a-z0-9]([-a-z0-9_.]{0,98}[a-z0-9])?");
    private static final int MAX_MESSAGE = 1024;

    private final PlatformEventPublisher publisher;

    public SidecarReports(PlatformEventPublisher publisher) {
        this.publisher = publisher;
    }

    @WithSpan("SidecarReports.health")
    public Uni<EventEnvelope> health(SidecarCaller caller, AppRef app, HealthReport report) {
        if (report == null || report.status() == null || !STATUSES.contains(report.status())) {
            throw ApiProblem.invalid("status", "must be healthy, degraded or unhealthy");
        }
        if (report.message() != null && report.message().length() > MAX_MESSAGE) {
            throw ApiProblem.invalid("message", "must be at most " + MAX_MESSAGE + " characters");
        }
        return publish(PlatformEvent.app(EventTypes.APP_HEALTH_REPORTED, AppPayload.health(app.name(),
                app.namespace(), caller.pod(), report.status(), report.message()), caller.username()));
    }

    @WithSpan("SidecarReports.custom")
    public Uni<EventEnvelope> custom(SidecarCaller caller, AppRef app, CustomEvent event) {
        if (event == null || event.type() == null || !TYPE.matcher(event.type()).matches()) {
            throw ApiProblem.invalid("type", "must be 1-100 lower-case letters, digits, '-', '_' or '.', "
                    + "starting and ending with a letter or digit (e.g. order.shipped)");
        }
        return publish(PlatformEvent.app(EventTypes.APP_CUSTOM, AppPayload.custom(app.name(), app.namespace(),
                caller.pod(), event.type(), event.data()), caller.username()));
    }

    private Uni<EventEnvelope> publish(PlatformEvent data) {
        EventEnvelope envelope = EventEnvelope.of(SERVICE, data);
        return publisher.publish(envelope).replaceWith(envelope);
    }
}
