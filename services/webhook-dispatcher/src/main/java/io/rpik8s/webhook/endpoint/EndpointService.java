package io.rpik8s.webhook.endpoint;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.model.events.PlatformEvent;
import io.rpik8s.model.events.WebhookPayload;
import io.rpik8s.webhook.config.WebhookConfig;
import io.rpik8s.webhook.delivery.CircuitBreaker;
import io.rpik8s.webhook.delivery.DeliveryWorker;
import io.rpik8s.webhook.delivery.SsrfGuard;
import io.rpik8s.webhook.delivery.WebhookSender;
import io.rpik8s.webhook.ingest.MessageRecorder;
import io.rpik8s.webhook.store.Endpoint;
import io.rpik8s.webhook.store.EndpointStore;
import io.rpik8s.webhook.store.EventFilters;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Registers, changes, rotates and tests endpoints. */
@ApplicationScoped
public class EndpointService {

    private final EndpointStore store;
    private final MessageRecorder recorder;
    private final DeliveryWorker worker;
    private final WebhookConfig config;
    private final CircuitBreaker breaker;
    private final SsrfGuard guard;

    public EndpointService(EndpointStore store, MessageRecorder recorder, DeliveryWorker worker,
            WebhookConfig config, CircuitBreaker breaker, SsrfGuard guard) {
        this.guard = guard;
        this.store = store;
        this.recorder = recorder;
        this.worker = worker;
        this.config = config;
        this.breaker = breaker;
    }

    private EndpointView view(Endpoint e) {
        return view(e, null);
    }

    private EndpointView view(Endpoint e, String shownSecret) {
        Instant now = Instant.now();
        return EndpointView.of(e, new EndpointView.CircuitState(breaker.state(e.id(), now).label(),
                breaker.openUntil(e.id(), now)), shownSecret);
    }

    @WithSpan("EndpointService.create")
    public Uni<EndpointView> create(EndpointRequest request) {
        String secret = Secrets.newSecret();
        String[] ed = Boolean.TRUE.equals(request.ed25519()) ? Secrets.newEd25519Pair() : new String[2];
        Endpoint e = toEndpoint("ep_" + UUID.randomUUID().toString().replace("-", ""), request, secret, ed, false);
        return vetted(request.url()).chain(() -> store.upsert(e)).map(saved -> view(saved, secret));
    }

    @WithSpan("EndpointService.update")
    public Uni<EndpointView> update(String id, EndpointRequest request) {
        validateUrl(request.url());
        EventFilters.requireKnownTypes(request.filterTypes());
        return vetted(request.url()).chain(() -> existing(id)).chain(old -> {
            String[] ed = Boolean.TRUE.equals(request.ed25519()) ? Secrets.newEd25519Pair() : new String[2];
            Endpoint e = toEndpoint(id, request, old.secret(), ed, old.isStatic());
            return store.upsert(e);
        }).call(e -> worker.forget(id)).map(this::view);
    }

    public Uni<List<EndpointView>> list() {
        return store.list().map(all -> all.stream().map(this::view).toList());
    }

    public Uni<EndpointView> get(String id) {
        return existing(id).map(this::view);
    }

    @WithSpan("EndpointService.setEnabled")
    public Uni<EndpointView> setEnabled(String id, boolean enabled) {
        return store.setEnabled(id, enabled, enabled ? null : "disabled by user")
                .call(e -> e == null || enabled ? Uni.createFrom().voidItem() : worker.forget(id)).map(e -> {
            if (e == null) {
                throw notFound(id);
            }
            if (enabled) {
                // Pending deliveries waited while disabled; they resume now, with a fresh breaker.
                breaker.reset(id);
                worker.wake();
            }
            return view(e);
        });
    }

    @WithSpan("EndpointService.delete")
    public Uni<Void> delete(String id) {
        return store.delete(id).call(deleted -> worker.forget(id)).map(deleted -> {
            if (!deleted) {
                throw notFound(id);
            }
            breaker.reset(id);
            return null;
        });
    }

    /** New secret shown once; the previous one keeps signing (a second {@code v1,} signature) until the overlap ends. */
    @WithSpan("EndpointService.rotate")
    public Uni<EndpointView> rotate(String id, RotateRequest request) {
        Duration overlap = request != null && request.overlapSeconds() != null
                ? Duration.ofSeconds(request.overlapSeconds()) : config.rotationOverlap();
        String secret = Secrets.newSecret();
        return store.rotate(id, secret, Instant.now().plus(overlap)).map(e -> {
            if (e == null) {
                throw notFound(id);
            }
            return view(e, secret);
        });
    }

    /** Queues a {@code webhook.test} ping to this endpoint only; answers the message id to follow in the log. */
    @WithSpan("EndpointService.test")
    public Uni<String> test(String id, String actor) {
        return existing(id).chain(e -> {
            if (!e.enabled()) {
                throw ApiProblem.conflict("Endpoint " + id + " is disabled; enable it before testing");
            }
            String messageId = "msg_test_" + UUID.randomUUID();
            PlatformEvent ping = PlatformEvent.webhookTest(new WebhookPayload(id, "Test event from the"
                    + " rpi-k8s-platform webhook dispatcher"), actor);
            return recorder.record(messageId, ping, null, candidate -> candidate.id().equals(id))
                    .invoke(worker::wake).replaceWith(messageId);
        });
    }

    /**
     * Refuses at registration what the delivery would refuse (internal, metadata and the platform's own addresses),
     * with the reason. A name that does not resolve yet is accepted: delivery checks again on every attempt.
     */
    private Uni<Void> vetted(String url) {
        return Uni.createFrom().item(() -> guard.vet(url)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(verdict -> {
                    if (verdict.refusal() != null) {
                        throw ApiProblem.invalid("url", "refused: " + verdict.refusal());
                    }
                    return null;
                });
    }

    private Uni<Endpoint> existing(String id) {
        return store.get(id).map(e -> {
            if (e == null) {
                throw notFound(id);
            }
            return e;
        });
    }

    private static ApiProblem notFound(String id) {
        return ApiProblem.notFound("Webhook endpoint " + id + " does not exist");
    }

    static Endpoint toEndpoint(String id, EndpointRequest r, String secret, String[] ed, boolean isStatic) {
        validateUrl(r.url());
        EventFilters.requireKnownTypes(r.filterTypes());
        Map<String, String> headers = r.headers() == null ? Map.of() : r.headers();
        for (String name : headers.keySet()) {
            if (WebhookSender.RESERVED.contains(name.toLowerCase())) {
                throw ApiProblem.invalid("headers." + name, "is set by the dispatcher and cannot be overridden");
            }
        }
        boolean enabled = r.enabled() == null || r.enabled();
        return new Endpoint(id, r.url(), r.description(), enabled, enabled ? null : "disabled by user",
                r.filterTypes() == null || r.filterTypes().isEmpty() ? List.of("*") : r.filterTypes(),
                r.namespacesInclude() == null ? List.of() : r.namespacesInclude(),
                r.namespacesExclude() == null ? List.of() : r.namespacesExclude(), headers,
                r.rateLimitPerSecond(), r.retrySchedule(), secret, null, null, ed[0], ed[1], isStatic, null, null,
                null);
    }

    static void validateUrl(String url) {
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw ApiProblem.invalid("url", "must be an absolute http or https URL");
            }
        } catch (java.net.URISyntaxException e) {
            throw ApiProblem.invalid("url", "must be an absolute http or https URL");
        }
    }
}
