package io.rpik8s.panel.metrics;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.rpik8s.panel.upstream.ClusterDtos.Node;
import io.rpik8s.panel.upstream.MonitoringApi;
import io.rpik8s.panel.upstream.ServiceProblem;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestQuery;

/** Metrics: a PromQL box drawn as a chart, and ready-made charts of one node over the last hour. */
@Path("/metrics")
public class MetricsResource {

    private static final String STEP = "60s";

    @CheckedTemplate(basePath = "metrics")
    static class Templates {
        static native TemplateInstance index(String query, Chart chart, ServiceProblem problem, List<Node> nodes,
                String node, List<Chart> nodeCharts);
    }

    private final MonitoringApi monitoring;

    public MetricsResource(@RestClient MonitoringApi monitoring) {
        this.monitoring = monitoring;
    }

    /** The asked query's chart, or why it could not be drawn. */
    private record Outcome(Chart chart, ServiceProblem problem) {
    }

    @GET
    public Uni<Response> page(@RestQuery String query, @RestQuery String node) {
        long end = Instant.now().getEpochSecond();
        long start = end - 3600;
        String q = query == null ? "" : query.trim();
        Uni<Outcome> asked = q.isEmpty() ? Uni.createFrom().item(new Outcome(null, ServiceProblem.NONE))
                : chart("Result", q, start, end).map(c -> new Outcome(c, ServiceProblem.NONE))
                        .onFailure(ServiceProblem.class).recoverWithItem(p -> new Outcome(null, (ServiceProblem) p));
        return monitoring.nodes().chain(nodes -> {
            String chosen = node == null || node.isBlank() ? nodes.isEmpty() ? "" : nodes.get(0).name() : node;
            Uni<List<Chart>> charts = chosen.isEmpty() ? Uni.createFrom().item(List.of()) : Uni.join().all(
                    readyMade("Temperature (°C)", "node_thermal_zone_temp{node=\"" + chosen + "\"}", start, end),
                    readyMade("CPU load (1 min)", "node_load1{node=\"" + chosen + "\"}", start, end),
                    readyMade("Memory available", "node_memory_MemAvailable_bytes{node=\"" + chosen + "\"}",
                            start, end)).andFailFast();
            return Uni.combine().all().unis(asked, charts).with((outcome, nodeCharts) -> Response
                    .status(outcome.problem().present() ? outcome.problem().status() : 200)
                    .entity(Templates.index(q, outcome.chart(), outcome.problem(), nodes, chosen, nodeCharts))
                    .build());
        });
    }

    private Uni<Chart> readyMade(String title, String query, long start, long end) {
        return chart(title, query, start, end).onFailure(ServiceProblem.class).recoverWithItem(p -> new Chart(title,
                query, "", List.of(), ((ServiceProblem) p).title() + (((ServiceProblem) p).detail() == null ? ""
                        : ": " + ((ServiceProblem) p).detail())));
    }

    private Uni<Chart> chart(String title, String query, long start, long end) {
        return monitoring.queryRange(query, start, end, STEP).map(answer -> SvgChart.draw(title, query, answer, start,
                end));
    }
}
