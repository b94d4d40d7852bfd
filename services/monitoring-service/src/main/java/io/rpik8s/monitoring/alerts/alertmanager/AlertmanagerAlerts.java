package io.rpik8s.monitoring.alerts.alertmanager;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.monitoring.alerts.AlertEvents;
import io.rpik8s.monitoring.alerts.AlertStore;
import io.rpik8s.monitoring.alerts.AlertView;
import io.rpik8s.monitoring.stream.LiveUpdate;
import io.rpik8s.monitoring.stream.LiveUpdates;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Records what Alertmanager reports: an alert that starts firing, or resolves, is written to the history with its
 * event in one transaction; Alertmanager's repeats (every group interval and repeat interval) change nothing.
 */
@ApplicationScoped
public class AlertmanagerAlerts {

    private final AlertStore store;
    private final LiveUpdates updates;

    public AlertmanagerAlerts(AlertStore store, LiveUpdates updates) {
        this.store = store;
        this.updates = updates;
    }

    @WithSpan("AlertmanagerAlerts.receive")
    public Uni<AlertmanagerNotification.Receipt> receive(AlertmanagerNotification notification) {
        List<AlertmanagerNotification.Alert> alerts = notification.alerts();
        for (int i = 0; i < alerts.size(); i++) {
            String name = alerts.get(i).alertname();
            if (name == null || name.isBlank()) {
                return Uni.createFrom().failure(ApiProblem.invalid("alerts[" + i + "].labels.alertname",
                        "must be present"));
            }
        }
        return Multi.createFrom().iterable(alerts)
                .onItem().transformToUniAndConcatenate(this::record)
                .collect().asList()
                .map(changes -> new AlertmanagerNotification.Receipt(
                        (int) changes.stream().filter("firing"::equals).count(),
                        (int) changes.stream().filter("resolved"::equals).count()));
    }

    /** Emits the status the alert changed to, or "unchanged". */
    private Uni<String> record(AlertmanagerNotification.Alert alert) {
        AlertView view = AlertmanagerMapping.toView(alert);
        if ("firing".equals(alert.status())) {
            return store.fireIfNew(view, AlertEvents::firing).map(added -> {
                if (added) {
                    updates.push(new LiveUpdate("alert", "firing", view));
                }
                return added ? "firing" : "unchanged";
            });
        }
        return store.resolveIfFiring(view.fingerprint(), AlertmanagerMapping.endOf(alert), AlertEvents::resolved)
                .map(resolved -> {
                    if (resolved == null) {
                        return "unchanged";
                    }
                    updates.push(new LiveUpdate("alert", "resolved", resolved));
                    return "resolved";
                });
    }
}
