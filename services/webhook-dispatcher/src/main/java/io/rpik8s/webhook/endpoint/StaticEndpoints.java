package io.rpik8s.webhook.endpoint;

import io.quarkus.runtime.StartupEvent;
import io.rpik8s.webhook.config.WebhookConfig;
import io.rpik8s.webhook.store.Endpoint;
import io.rpik8s.webhook.store.EndpointStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Writes the statically configured endpoints (the original {@code WebhookSettings} and named
 * {@code platform.webhooks.static-endpoints}) into the endpoint table at start, with ids derived from their names or
 * URLs so that restarts update rather than duplicate them.
 */
@ApplicationScoped
public class StaticEndpoints {

    private static final Logger LOG = Logger.getLogger(StaticEndpoints.class);

    private final EndpointStore store;
    private final WebhookConfig config;

    public StaticEndpoints(EndpointStore store, WebhookConfig config) {
        this.store = store;
        this.config = config;
    }

    void onStart(@Observes StartupEvent start) {
        List<Uni<Endpoint>> writes = new ArrayList<>();
        for (String url : config.endpoints().orElse(List.of())) {
            String id = "static_" + UUID.nameUUIDFromBytes(url.getBytes(StandardCharsets.UTF_8)).toString()
                    .substring(0, 8);
            writes.add(write(id, url, List.of("*"), config.secret().orElse(null), "from platform.webhooks.endpoints"));
        }
        config.staticEndpoints().forEach((name, e) -> writes.add(write("static_" + name, e.url(), e.filters(),
                e.secret().orElse(null), e.description().orElse("from platform.webhooks.static-endpoints." + name))));
        if (!writes.isEmpty()) {
            // Start-up only, before traffic: waiting here keeps the first events from missing static endpoints.
            Uni.join().all(writes).andFailFast().await().indefinitely();
            LOG.infof("%d static webhook endpoint(s) configured", writes.size());
        }
    }

    private Uni<Endpoint> write(String id, String url, List<String> filters, String secret, String description) {
        if (secret != null && !Secrets.isValid(secret)) {
            throw new IllegalStateException("The secret of static webhook endpoint " + id
                    + " must be whsec_ followed by base64 of at least 24 bytes");
        }
        EndpointService.validateUrl(url);
        Endpoint e = new Endpoint(id, url, description, true, null, filters, List.of(), List.of(),
                java.util.Map.of(), null, null, secret != null ? secret : Secrets.newSecret(), null, null, null,
                null, true, null, null, null);
        return store.upsert(e).call(saved -> secret != null ? store.setSecret(id, secret) : Uni.createFrom().voidItem());
    }
}
