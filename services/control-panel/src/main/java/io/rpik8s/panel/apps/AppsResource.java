package io.rpik8s.panel.apps;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.rpik8s.panel.upstream.AppDtos.AppSummary;
import io.rpik8s.panel.upstream.AppDtos.PlatformApp;
import io.rpik8s.panel.upstream.AppDtos.Plugin;
import io.rpik8s.panel.upstream.DeploymentApi;
import io.rpik8s.panel.upstream.ServiceProblem;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestQuery;

/** Apps: the list with filters and search, and the deploy form. */
@Path("/apps")
public class AppsResource {

    @CheckedTemplate(basePath = "apps")
    static class Templates {
        static native TemplateInstance list(List<AppSummary> apps, long total, List<PlatformApp> platformApps,
                ServiceProblem platformAppsProblem, String namespace, String label, String q, String tableUrl,
                String done, ServiceProblem problem);

        static native TemplateInstance list$table(List<AppSummary> apps, long total);

        static native TemplateInstance deploy(DeployForm form, List<Plugin> plugins, ServiceProblem problem);
    }

    private final DeploymentApi deployments;

    public AppsResource(@RestClient DeploymentApi deployments) {
        this.deployments = deployments;
    }

    @GET
    public Uni<Response> list(@RestQuery String namespace, @RestQuery String label, @RestQuery String q,
            @RestQuery String done) {
        Filter filter = Filter.of(namespace, label, q);
        // PlatformApps are shown next to the apps; when they cannot be read the apps still are
        Uni<PlatformAppsOrProblem> resources = deployments.platformApps(filter.namespace())
                .map(list -> new PlatformAppsOrProblem(list.stream().filter(a -> filter.matches(a.name(), a.image()))
                        .toList(), ServiceProblem.NONE))
                .onFailure(ServiceProblem.class).recoverWithItem(p -> new PlatformAppsOrProblem(List.of(),
                        (ServiceProblem) p));
        return Uni.combine().all().unis(apps(filter), resources).asTuple()
                .map(both -> Response.ok(Templates.list(both.getItem1().items(), both.getItem1().total(),
                        both.getItem2().items(), both.getItem2().problem(), filter.namespace(), filter.label(), q,
                        filter.tableUrl(), done, ServiceProblem.NONE)).build())
                .onFailure(ServiceProblem.class).recoverWithItem(p -> Response.status(((ServiceProblem) p).status())
                        .entity(Templates.list(List.of(), 0, List.of(), ServiceProblem.NONE, filter.namespace(),
                                filter.label(), q, filter.tableUrl(), done, (ServiceProblem) p)).build());
    }

    /** The list's table alone, with the same filters: what the page re-renders when apps or pods change. */
    @GET
    @Path("table")
    public Uni<TemplateInstance> table(@RestQuery String namespace, @RestQuery String label, @RestQuery String q) {
        return apps(Filter.of(namespace, label, q)).map(page -> Templates.list$table(page.items(), page.total()));
    }

    private Uni<AppPage> apps(Filter filter) {
        return deployments.list(filter.namespace(), filter.label(), 500)
                .map(page -> new AppPage(page.items().stream().filter(a -> filter.matches(a.name(), a.image()))
                        .toList(), page.total()));
    }

    private record AppPage(List<AppSummary> items, long total) {
    }

    /** The list's filters: a namespace, a label selector and a search in names and images. */
    private record Filter(String namespace, String label, String search) {

        static Filter of(String namespace, String label, String q) {
            return new Filter(blankToNull(namespace), blankToNull(label),
                    q == null ? "" : q.trim().toLowerCase(Locale.ROOT));
        }

        boolean matches(String name, String image) {
            return search.isEmpty() || name.contains(search) || image != null
                    && image.toLowerCase(Locale.ROOT).contains(search);
        }

        String tableUrl() {
            return "/apps/table?namespace=" + encode(namespace) + "&label=" + encode(label) + "&q=" + encode(search);
        }

        private static String encode(String value) {
            return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }

    private record PlatformAppsOrProblem(List<PlatformApp> items, ServiceProblem problem) {
    }

    @GET
    @Path("new")
    public Uni<TemplateInstance> deployForm() {
        return deployments.plugins().map(plugins -> Templates.deploy(new DeployForm(), plugins, ServiceProblem.NONE));
    }

    @POST
    @Path("new")
    public Uni<Response> deploy(@BeanParam DeployForm form) {
        return Uni.createFrom().item(() -> DeployRequests.from(form))
                .chain(deployments::deploy)
                .map(app -> Response.seeOther(URI.create("/apps/" + app.namespace() + "/" + app.name()
                        + "?done=deployed")).build())
                .onFailure(ServiceProblem.class).recoverWithUni(p -> deployments.plugins()
                        .onFailure().recoverWithItem(List.of())
                        .map(plugins -> Response.status(((ServiceProblem) p).status())
                                .entity(Templates.deploy(form, plugins, (ServiceProblem) p)).build()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
