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
                ServiceProblem platformAppsProblem, String namespace, String label, String q, String done,
                ServiceProblem problem);

        static native TemplateInstance deploy(DeployForm form, List<Plugin> plugins, ServiceProblem problem);
    }

    private final DeploymentApi deployments;

    public AppsResource(@RestClient DeploymentApi deployments) {
        this.deployments = deployments;
    }

    @GET
    public Uni<Response> list(@RestQuery String namespace, @RestQuery String label, @RestQuery String q,
            @RestQuery String done) {
        String ns = blankToNull(namespace);
        String selector = blankToNull(label);
        String search = q == null ? "" : q.trim().toLowerCase(Locale.ROOT);
        // PlatformApps are shown next to the apps; when they cannot be read the apps still are
        Uni<PlatformAppsOrProblem> resources = deployments.platformApps(ns)
                .map(list -> new PlatformAppsOrProblem(list.stream().filter(a -> matches(a.name(), a.image(), search))
                        .toList(), ServiceProblem.NONE))
                .onFailure(ServiceProblem.class).recoverWithItem(p -> new PlatformAppsOrProblem(List.of(),
                        (ServiceProblem) p));
        return Uni.combine().all().unis(deployments.list(ns, selector, 500), resources).asTuple()
                .map(both -> Response.ok(Templates.list(both.getItem1().items().stream()
                        .filter(a -> matches(a.name(), a.image(), search)).toList(), both.getItem1().total(),
                        both.getItem2().items(), both.getItem2().problem(), ns, selector, q, done,
                        ServiceProblem.NONE)).build())
                .onFailure(ServiceProblem.class).recoverWithItem(p -> Response.status(((ServiceProblem) p).status())
                        .entity(Templates.list(List.of(), 0, List.of(), ServiceProblem.NONE, ns, selector, q, done,
                                (ServiceProblem) p)).build());
    }

    private record PlatformAppsOrProblem(List<PlatformApp> items, ServiceProblem problem) {
    }

    private static boolean matches(String name, String image, String search) {
        return search.isEmpty() || name.contains(search) || image != null
                && image.toLowerCase(Locale.ROOT).contains(search);
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
