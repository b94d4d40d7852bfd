package io.rpik8s.panel.plugins;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.rpik8s.panel.upstream.AppDtos.Plugin;
import io.rpik8s.panel.upstream.DeploymentApi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Plugins: the deployment plugins and the changes each offers (the example page of docs/extending.md). */
@Path("/plugins")
public class PluginsResource {

    @CheckedTemplate(basePath = "plugins")
    static class Templates {
        static native TemplateInstance index(List<Plugin> plugins);
    }

    private final DeploymentApi deployments;

    public PluginsResource(@RestClient DeploymentApi deployments) {
        this.deployments = deployments;
    }

    @GET
    public Uni<TemplateInstance> page() {
        return deployments.plugins().map(Templates::index);
    }
}
