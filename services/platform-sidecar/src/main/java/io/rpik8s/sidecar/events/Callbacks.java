package io.rpik8s.sidecar.events;

import io.rpik8s.model.events.CloudEventHeaders;
import io.rpik8s.sidecar.config.SidecarConfig;
import io.rpik8s.sidecar.platform.SseMessage;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * POSTs each event to the app on localhost, in CloudEvents HTTP binary mode ({@code ce-*} headers, the JSON data as
 * the body), a few attempts each; a 2xx answer is delivery. Events are sent one after the other, in order.
 */
@ApplicationScoped
public class Callbacks {

    private static final Logger LOG = Logger.getLogger(Callbacks.class);

    private final HttpClient http;
    private final Optional<String> path;
    private final int port;
    private final int attempts;

    public Callbacks(Vertx vertx, SidecarConfig config) {
        this.http = vertx.createHttpClient();
        this.path = config.callback().path();
        this.port = config.callback().port();
        this.attempts = config.callback().attempts();
    }

    boolean enabled() {
        return path.isPresent();
    }

    /** Completes when the app took the event or it was given up (never fails). */
    Uni<Void> deliver(SseMessage event) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                .setURI(path.orElseThrow())
                .putHeader("ce-specversion", CloudEventHeaders.SPEC_VERSION_VALUE)
                .putHeader("ce-type", event.name())
                .putHeader("ce-source", "/rpi-k8s-platform/platform-sidecar")
                .putHeader("Content-Type", "application/json");
        if (event.id() != null) {
            options.putHeader("ce-id", event.id());
        }
        return http.request(options)
                .chain(request -> request.send(Buffer.buffer(event.data())))
                .invoke(response -> {
                    if (response.statusCode() / 100 != 2) {
                        throw new IllegalStateException("the app answered " + response.statusCode());
                    }
                })
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2)).atMost(attempts - 1)
                .onFailure().invoke(e -> LOG.warnf("Event %s (%s) not delivered to the app on port %d%s: %s",
                        event.id(), event.name(), port, path.get(), e.getMessage()))
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }
}
