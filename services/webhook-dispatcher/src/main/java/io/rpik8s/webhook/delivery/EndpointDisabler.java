package io.rpik8s.webhook.delivery;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.rpik8s.commons.messaging.PlatformEventPublisher;
import io.rpik8s.model.events.EndpointPayload;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.PlatformEvent;
import io.rpik8s.webhook.store.EndpointStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Disables an endpoint (gone, or failing too long) and emits {@code webhook.endpoint_disabled} once. */
@ApplicationScoped
public class EndpointDisabler {

    /** The CloudEvents source name of this service. */
    public static final String SERVICE = "webhook-dispatcher";

    private static final Logger LOG = Logger.getLogger(EndpointDisabler.class);

    private final EndpointStore store;
    private final PlatformEventPublisher publisher;

    public EndpointDisabler(EndpointStore store, PlatformEventPublisher publisher) {
        this.store = store;
        this.publisher = publisher;
    }

    @WithSpan("EndpointDisabler.disable")
    public Uni<Void> disable(String endpointId, String reason, Instant failingSince) {
        return store.disableIfEnabled(endpointId, reason).chain(e -> {
            if (e == null) {
                return Uni.createFrom().voidItem();
            }
            LOG.warnf("Endpoint %s (%s) disabled: %s", e.id(), e.url(), reason);
            EventEnvelope event = EventEnvelope.of(SERVICE, PlatformEvent.endpointDisabled(
                    new EndpointPayload(e.id(), e.url(), reason, failingSince)));
            // The endpoint stays disabled even if Kafka is down; the event is best effort after the change.
            return publisher.publish(event).onFailure().invoke(err -> LOG.errorf(err,
                    "Could not publish webhook.endpoint_disabled for %s", e.id())).onFailure().recoverWithNull();
        });
    }
}
