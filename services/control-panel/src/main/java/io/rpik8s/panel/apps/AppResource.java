package io.rpik8s.panel.apps;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.rpik8s.panel.upstream.AppDtos.AppDetail;
import io.rpik8s.panel.upstream.AppDtos.HistoryEntry;
import io.rpik8s.panel.upstream.AppDtos.KubeEvent;
import io.rpik8s.panel.upstream.AppDtos.Revision;
import io.rpik8s.panel.upstream.ClusterDtos.TimelineEntry;
import io.rpik8s.panel.upstream.DeploymentApi;
import io.rpik8s.panel.upstream.MonitoringApi;
import io.rpik8s.panel.upstream.ServiceProblem;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * One app: pods and rollout progress (re-rendered live), revisions, Kubernetes events, the platform timeline and
 * the audit history. The changes are in {@link AppActionsResource}.
 */
@Path("/apps/{ns}/{name}")
public class AppResource {

    @CheckedTemplate(basePath = "apps")
    static class Templates {
        static native TemplateInstance detail(AppDetail app, List<Revision> revisions, List<KubeEvent> events,
                List<TimelineEntry> timeline, List<HistoryEntry> history, String done, ServiceProblem problem);

        static native TemplateInstance detail$status(AppDetail app);

        static native TemplateInstance detail$activity(AppDetail app, List<KubeEvent> events,
                List<TimelineEntry> timeline);
    }

    private final DeploymentApi deployments;
    private final MonitoringApi monitoring;

    public AppResource(@RestClient DeploymentApi deployments, @RestClient MonitoringApi monitoring) {
        this.deployments = deployments;
        this.monitoring = monitoring;
    }

    @GET
    public Uni<TemplateInstance> detail(@PathParam("ns") String ns, @PathParam("name") String name,
            @RestQuery String done) {
        return page(ns, name, done, ServiceProblem.NONE);
    }

    /** The whole page, with {@code problem} shown above it when a change was refused. */
    Uni<TemplateInstance> page(String ns, String name, String done, ServiceProblem problem) {
        return Uni.combine().all().unis(deployments.get(ns, name), revisions(ns, name), events(ns, name),
                timeline(ns, name), deployments.history(ns, name).map(p -> p.items())
                        .onFailure(ServiceProblem.class).recoverWithItem(List.of()))
                .with((app, revisions, events, timeline, history) ->
                        Templates.detail(app, revisions, events, timeline, history, done, problem));
    }

    @GET
    @Path("status")
    public Uni<TemplateInstance> status(@PathParam("ns") String ns, @PathParam("name") String name) {
        return deployments.get(ns, name).map(Templates::detail$status);
    }

    @GET
    @Path("activity")
    public Uni<TemplateInstance> activity(@PathParam("ns") String ns, @PathParam("name") String name) {
        return Uni.combine().all().unis(deployments.get(ns, name), events(ns, name), timeline(ns, name))
                .with(Templates::detail$activity);
    }

    private Uni<List<Revision>> revisions(String ns, String name) {
        // A plugin without revisions (manifest) answers 422: the page shows none.
        return deployments.revisions(ns, name).onFailure(ServiceProblem.class).recoverWithItem(List.of());
    }

    private Uni<List<KubeEvent>> events(String ns, String name) {
        return deployments.events(ns, name).onFailure(ServiceProblem.class).recoverWithItem(List.of());
    }

    private static List<TimelineEntry> newestFirst(List<TimelineEntry> oldestFirst) {
        List<TimelineEntry> entries = new java.util.ArrayList<>(oldestFirst);
        java.util.Collections.reverse(entries);
        return entries;
    }

    private Uni<List<TimelineEntry>> timeline(String ns, String name) {
        return monitoring.timeline(ns, name, 50).map(AppResource::newestFirst)
                .onFailure(ServiceProblem.class).recoverWithItem(List.of());
    }
}
