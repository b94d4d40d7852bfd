package io.rpik8s.panel.webhooks;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.rpik8s.panel.upstream.ServiceProblem;
import io.rpik8s.panel.upstream.WebhookApi;
import io.rpik8s.panel.upstream.WebhookDtos.Endpoint;
import io.rpik8s.panel.upstream.WebhookDtos.Message;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestQuery;

/** One endpoint: edit its filters, enable or disable, rotate the secret, send a test, its deliveries and replay. */
@Path("/webhooks/endpoints/{id}")
public class EndpointResource {

    @CheckedTemplate(basePath = "webhooks")
    static class Templates {
        static native TemplateInstance endpoint(Endpoint endpoint, EndpointForm form, List<Message> messages,
                String done, ServiceProblem problem);

        static native TemplateInstance message(Message message);
    }

    private final WebhookApi webhooks;

    public EndpointResource(@RestClient WebhookApi webhooks) {
        this.webhooks = webhooks;
    }

    @GET
    public Uni<Response> page(@PathParam("id") String id, @RestQuery String done) {
        return page(id, null, done, ServiceProblem.NONE);
    }

    @POST
    public Uni<Response> update(@PathParam("id") String id, @BeanParam EndpointForm form) {
        return change(id, "endpoint-updated", form, () -> webhooks.update(id, form.toRequest()));
    }

    @POST
    @Path("enable")
    public Uni<Response> enable(@PathParam("id") String id) {
        return change(id, "endpoint-enabled", null, () -> webhooks.toggle(id, "enable"));
    }

    @POST
    @Path("disable")
    public Uni<Response> disable(@PathParam("id") String id) {
        return change(id, "endpoint-disabled", null, () -> webhooks.toggle(id, "disable"));
    }

    @POST
    @Path("test")
    public Uni<Response> test(@PathParam("id") String id) {
        return change(id, "test-sent", null, () -> webhooks.test(id));
    }

    @POST
    @Path("rotate-secret")
    public Uni<Response> rotate(@PathParam("id") String id) {
        return webhooks.rotate(id, Map.of("overlapSeconds", 86400L))
                .map(e -> Response.ok(WebhooksResource.Templates.secret(e, true)).build())
                .onFailure(ServiceProblem.class).recoverWithUni(p -> page(id, null, null, (ServiceProblem) p));
    }

    @POST
    @Path("delete")
    public Uni<Response> delete(@PathParam("id") String id) {
        return webhooks.delete(id).map(r -> Response.seeOther(URI.create("/webhooks?done=endpoint-deleted")).build())
                .onFailure(ServiceProblem.class).recoverWithUni(p -> page(id, null, null, (ServiceProblem) p));
    }

    @POST
    @Path("messages/{message}/replay")
    public Uni<Response> replay(@PathParam("id") String id, @PathParam("message") String message) {
        return change(id, "replayed", null, () -> webhooks.replay(message, id));
    }

    @GET
    @Path("messages/{message}")
    public Uni<TemplateInstance> message(@PathParam("message") String message) {
        return webhooks.message(message).map(Templates::message);
    }

    private Uni<Response> change(String id, String done, EndpointForm form, Supplier<Uni<?>> call) {
        return Uni.createFrom().deferred(call)
                .map(r -> Response.seeOther(URI.create("/webhooks/endpoints/" + id + "?done=" + done)).build())
                .onFailure(ServiceProblem.class).recoverWithUni(p -> page(id, form, null, (ServiceProblem) p));
    }

    private Uni<Response> page(String id, EndpointForm form, String done, ServiceProblem problem) {
        return Uni.combine().all().unis(webhooks.endpoint(id), webhooks.messages(id, null, 50))
                .with((endpoint, messages) -> Response.status(problem.present() ? problem.status() : 200)
                        .entity(Templates.endpoint(endpoint, form == null ? EndpointForm.of(endpoint) : form,
                                messages.items(), done, problem)).build());
    }
}
