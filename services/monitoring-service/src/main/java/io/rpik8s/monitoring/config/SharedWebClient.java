package io.rpik8s.monitoring.config;

import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The service's one HTTP client (Prometheus queries, HTTP probes), on Quarkus' event loops; closed at shutdown. */
@ApplicationScoped
public class SharedWebClient {

    /**
     * Connections per host: as many as Prometheus runs queries at once by default (--query.max-concurrency). Vert.x's
     * default of 5 would queue a sixth concurrent query, and its wait counts against the 3 s connect timeout.
     */
    static final int MAX_CONNECTIONS_PER_HOST = 20;

    /** Public for the unit tests, which make the client exactly as the service does. */
    @Produces
    @Singleton
    public WebClient webClient(Vertx vertx) {
        // Made from Quarkus' Vertx, so OpenTelemetry's Vert.x tracing gives each request a client span and sends
        // traceparent. Redirects are never followed: a 3xx is a probe's answer, and Prometheus' API does not redirect.
        return WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
                .setMaxPoolSize(MAX_CONNECTIONS_PER_HOST));
    }

    void close(@Disposes WebClient client) {
        client.close();
    }
}
