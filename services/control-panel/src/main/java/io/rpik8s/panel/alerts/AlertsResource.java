package io.rpik8s.panel.alerts;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.rpik8s.panel.upstream.ClusterDtos.Alert;
import io.rpik8s.panel.upstream.MonitoringApi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestQuery;

/** Alerts: firing first, then the history of resolved ones, each with the rule that fired and its threshold. */
@Path("/alerts")
public class AlertsResource {

    @CheckedTemplate(basePath = "alerts")
    static class Templates {
        static native TemplateInstance index(List<Alert> alerts, String status);

        static native TemplateInstance index$list(List<Alert> alerts, String status);
    }

    private final MonitoringApi monitoring;

    public AlertsResource(@RestClient MonitoringApi monitoring) {
        this.monitoring = monitoring;
    }

    @GET
    public Uni<TemplateInstance> page(@RestQuery String status) {
        String s = "firing".equals(status) || "resolved".equals(status) ? status : null;
        return monitoring.alerts(s, 200).map(alerts -> Templates.index(alerts, s));
    }

    @GET
    @Path("list")
    public Uni<TemplateInstance> list(@RestQuery String status) {
        String s = "firing".equals(status) || "resolved".equals(status) ? status : null;
        return monitoring.alerts(s, 200).map(alerts -> Templates.index$list(alerts, s));
    }
}
