package io.rpik8s.monitoring.alerts.alertmanager;

import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.monitoring.config.MonitoringConfig;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Alertmanager's webhook receiver: the way Prometheus' alerts become platform events. */
@Path(AlertmanagerWebhookResource.PATH)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts")
public class AlertmanagerWebhookResource {

    static final String PATH = "/api/v1/alerts/alertmanager";

    private final AlertmanagerAlerts alerts;
    private final boolean enabled;

    public AlertmanagerWebhookResource(AlertmanagerAlerts alerts, MonitoringConfig config) {
        this.alerts = alerts;
        this.enabled = config.alerts().source() == MonitoringConfig.AlertSource.ALERTMANAGER;
    }

    @POST
    @RolesAllowed(AlertmanagerTokenMechanism.ROLE)
    @Operation(summary = "Alertmanager webhook (payload version 4): publishes alert.firing and alert.resolved; "
            + "authenticated with the alertmanager-webhook token, not a platform token")
    public Uni<AlertmanagerNotification.Receipt> receive(
            @Valid @NotNull(message = "must be an Alertmanager notification") AlertmanagerNotification notification) {
        if (!enabled) {
            // Two sources would publish every alert twice.
            return Uni.createFrom().failure(ApiProblem.conflict("alerts come from the built-in engine here; "
                    + "set platform.monitoring.alerts.source=alertmanager to receive Alertmanager's webhook"));
        }
        return alerts.receive(notification);
    }
}
