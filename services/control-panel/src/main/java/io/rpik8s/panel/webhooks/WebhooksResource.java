package io.rpik8s.panel.webhooks;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.rpik8s.panel.upstream.ServiceProblem;
import io.rpik8s.panel.upstream.WebhookApi;
import io.rpik8s.panel.upstream.WebhookDtos.Endpoint;
import io.rpik8s.panel.upstream.WebhookDtos.Message;
import io.rpik8s.panel.upstream.WebhookDtos.ReplayRequest;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/** Webhooks: the endpoints, registering one (its secret shown once), the delivery log and replaying what failed. */
@Path("/webhooks")
public class WebhooksResource {

    @CheckedTemplate(basePath = "webhooks")
    static class Templates {
        static native TemplateInstance index(List<Endpoint> endpoints, List<Message> messages, EndpointForm form,
                String done, ServiceProblem problem);

        static native TemplateInstance secret(Endpoint endpoint, boolean rotated);
    }

    private final WebhookApi webhooks;

    public WebhooksResource(@RestClient WebhookApi webhooks) {
        this.webhooks = webhooks;
    }

    @GET
    public Uni<TemplateInstance> index(@RestQuery String done) {
        return page(new EndpointForm(), done, ServiceProblem.NONE).map(r -> (TemplateInstance) r.getEntity());
    }

    @POST
    public Uni<Response> create(@BeanParam EndpointForm form) {
        return webhooks.create(form.toRequest())
                .map(created -> Response.status(201).entity(Templates.secret(created, false)).build())
                .onFailure(ServiceProblem.class).recoverWithUni(p -> page(form, null, (ServiceProblem) p));
    }

    @POST
    @Path("replay-failed")
    public Uni<Response> replayFailed(@RestForm String since) {
        Instant from;
        try {
            from = Instant.parse(since.trim());
        } catch (DateTimeParseException | NullPointerException e) {
            return page(new EndpointForm(), null, ServiceProblem.invalid("since",
                    "must be a time such as 2026-11-25T00:00:00Z"));
        }
        return webhooks.replayFailed(new ReplayRequest(from.toString(), null))
                .map(r -> Response.seeOther(URI.create("/webhooks?done=replayed")).build())
                .onFailure(ServiceProblem.class).recoverWithUni(p -> page(new EndpointForm(), null, (ServiceProblem) p));
    }

    private Uni<Response> page(EndpointForm form, String done, ServiceProblem problem) {
        return Uni.combine().all().unis(webhooks.endpoints(), webhooks.messages(null, null, 50))
                .with((endpoints, messages) -> Response.status(problem.present() ? problem.status() : 200)
                        .entity(Templates.index(endpoints, messages.items(), form, done, problem)).build());
    }
}
