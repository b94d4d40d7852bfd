package io.rpik8s.examples.events.webhook;

import io.rpik8s.examples.events.board.AppBoard;
import io.rpik8s.examples.events.config.EventsAppConfig;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.EventJson;
import io.rpik8s.model.events.PlatformEvent;
import io.rpik8s.model.webhook.WebhookVerificationException;
import io.rpik8s.model.webhook.WebhookVerifier;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;

// tag::receiver[]
/** The platform's webhooks ({@code POST /webhooks/platform}): verified on the raw body, then applied once per id. */
@Path("/webhooks/platform")
public class WebhookReceiverResource {

    private final WebhookVerifier verifier;
    private final AppBoard board;

    public WebhookReceiverResource(EventsAppConfig config, AppBoard board) {
        this.verifier = new WebhookVerifier(config.webhookSecret());
        this.board = board;
    }

    @POST
    public Response receive(@HeaderParam("webhook-id") String id, @HeaderParam("webhook-timestamp") String timestamp,
            @HeaderParam("webhook-signature") String signature, @HeaderParam("traceparent") String traceparent,
            String body) {
        PlatformEvent data;
        try {
            verifier.verify(id, timestamp, signature, body);
            data = EventJson.read(body);
        } catch (WebhookVerificationException e) {
            return Problem.badRequest("headers", e.getMessage()); // unsigned, forged or replayed: not the platform
        } catch (RuntimeException e) {
            return Problem.badRequest("body", "is not platform event data");
        }
        // webhook-id is "msg_" + the event's CloudEvents id: the same id space as the Kafka consumer's.
        String eventId = id.startsWith("msg_") ? id.substring(4) : id;
        board.apply(new EventEnvelope(eventId, data.event(), URI.create("/rpi-k8s-platform/webhook-dispatcher"),
                data.subject(), data.timestamp(), data), traceIdOf(traceparent));
        return Response.noContent().build();
    }

    /** traceparent is 00-{trace id}-{span id}-{flags}: the trace of the change that caused the event. */
    private static String traceIdOf(String traceparent) {
        return traceparent != null && traceparent.split("-").length == 4 ? traceparent.split("-")[1] : null;
    }
}
// end::receiver[]
