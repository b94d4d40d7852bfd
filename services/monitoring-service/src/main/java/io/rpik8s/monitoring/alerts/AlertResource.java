package io.rpik8s.monitoring.alerts;

import io.rpik8s.model.auth.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Active and recent alerts from the history, and the rules that raise them. */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts")
public class AlertResource {

    private final AlertStore store;
    private final AlertRuleCatalog rules;

    public AlertResource(AlertStore store, AlertRuleCatalog rules) {
        this.store = store;
        this.rules = rules;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Firing alerts first, then recently resolved ones; filter with status")
    public Uni<List<AlertView>> list(
            @QueryParam("status") @Pattern(regexp = "firing|resolved", message = "must be firing or resolved")
            String status,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return store.list(status, limit);
    }

    @GET
    @Path("rules")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Every alert rule with its state (inactive, pending, firing), from Prometheus or the "
            + "built-in engine")
    public Uni<List<AlertRuleView>> rules() {
        return rules.rules();
    }
}
