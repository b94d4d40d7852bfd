package io.rpik8s.panel.overview;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.rpik8s.panel.config.PanelConfig;
import io.rpik8s.panel.upstream.ClusterDtos.Alert;
import io.rpik8s.panel.upstream.ClusterDtos.Node;
import io.rpik8s.panel.upstream.ClusterDtos.ServiceHealth;
import io.rpik8s.panel.upstream.ClusterDtos.Summary;
import io.rpik8s.panel.upstream.MonitoringApi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The Overview: nodes with usage, temperature and throttling, active alerts, and the platform services' health. */
@Path("/")
public class OverviewResource {

    @CheckedTemplate(basePath = "overview")
    static class Templates {
        static native TemplateInstance index(Summary summary, List<Node> nodes, List<Alert> alerts,
                List<ServiceHealth> services, Map<String, String> links);

        static native TemplateInstance index$cluster(Summary summary, List<Node> nodes, List<Alert> alerts);
    }

    private final MonitoringApi monitoring;
    private final PanelConfig config;

    public OverviewResource(@RestClient MonitoringApi monitoring, PanelConfig config) {
        this.monitoring = monitoring;
        this.config = config;
    }

    @GET
    public Uni<TemplateInstance> overview() {
        return Uni.combine().all().unis(monitoring.summary(), monitoring.nodes(), monitoring.alerts("firing", 20),
                monitoring.servicesHealth()).with((summary, nodes, alerts, services) ->
                        Templates.index(summary, nodes, alerts, services, config.serviceLinks()));
    }

    /** The nodes and alerts part, re-rendered when a node or alert changes. */
    @GET
    @Path("overview/cluster")
    public Uni<TemplateInstance> cluster() {
        return Uni.combine().all().unis(monitoring.summary(), monitoring.nodes(), monitoring.alerts("firing", 20))
                .with(Templates::index$cluster);
    }
}
