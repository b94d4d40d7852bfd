package io.rpik8s.sidecar.events;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.rpik8s.model.sidecar.SidecarApi;
import io.rpik8s.sidecar.config.SidecarConfig;
import io.rpik8s.sidecar.platform.PlatformClient;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Keeps one subscription to the platform's stream of this app's events and hands each event to the app's SSE
 * clients and, when configured, to its callback path. A refused or lost stream is opened again after a pause, for
 * as long as the sidecar runs.
 */
@ApplicationScoped
public class EventRelay {

    private static final Logger LOG = Logger.getLogger(EventRelay.class);

    private final PlatformClient platform;
    private final AppEvents events;
    private final Callbacks callbacks;
    private final Duration reconnectDelay;
    private Cancellable subscription;

    public EventRelay(PlatformClient platform, AppEvents events, Callbacks callbacks, SidecarConfig config) {
        this.platform = platform;
        this.events = events;
        this.callbacks = callbacks;
        this.reconnectDelay = config.reconnectDelay();
    }

    void start(@Observes StartupEvent event) {
        subscription = platform.events()
                .onCompletion().failWith(() -> new IllegalStateException("the platform ended the stream"))
                .onFailure().invoke(e -> LOG.warnf("Platform event stream: %s; subscribing again in %s",
                        e.getMessage(), reconnectDelay))
                .onFailure().retry().withBackOff(reconnectDelay, reconnectDelay.multipliedBy(15)).indefinitely()
                .filter(message -> !SidecarApi.HEARTBEAT.equals(message.name()))
                .invoke(events::push)
                // One callback at a time keeps the app's events in order.
                .onItem().transformToUniAndConcatenate(m -> callbacks.enabled() ? callbacks.deliver(m)
                        : io.smallrye.mutiny.Uni.createFrom().voidItem())
                .subscribe().with(ignored -> { }, e -> LOG.errorf(e, "Platform event stream stopped"));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscription != null) {
            subscription.cancel();
        }
    }
}
