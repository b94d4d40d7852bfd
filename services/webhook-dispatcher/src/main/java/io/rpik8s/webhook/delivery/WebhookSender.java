package io.rpik8s.webhook.delivery;

import io.rpik8s.webhook.config.WebhookConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Sends one signed attempt with the JDK HttpClient: redirects are not followed (a 3xx is a failure), the SSRF guard
 * runs first, the timeout covers connect and response.
 */
@ApplicationScoped
public class WebhookSender {

    /** Headers the dispatcher owns; custom endpoint headers cannot replace them. */
    public static final Set<String> RESERVED = Set.of("webhook-id", "webhook-timestamp", "webhook-signature",
            "content-type", "content-length", "host", "traceparent", "user-agent", "connection");

    private static final int EXCERPT = 1000;

    private final HttpClient client;
    private final Duration timeout;
    private final SsrfGuard guard;

    public WebhookSender(WebhookConfig config, SsrfGuard guard) {
        this.timeout = config.timeout();
        this.guard = guard;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    public Uni<AttemptResult> send(DueDelivery d) {
        // DNS resolution blocks: the guard runs on a worker thread.
        return Uni.createFrom().item(() -> guard.refusal(d.endpoint().url()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(refusal -> refusal != null
                        ? Uni.createFrom().item(new AttemptResult(null, 0, null, "blocked by SSRF guard: " + refusal,
                                null, true))
                        : post(d));
    }

    private Uni<AttemptResult> post(DueDelivery d) {
        Instant now = Instant.now();
        long timestamp = now.getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(d.endpoint().url()))
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(d.body(), StandardCharsets.UTF_8));
        d.endpoint().headers().forEach((k, v) -> {
            if (!RESERVED.contains(k.toLowerCase())) {
                request.header(k, v);
            }
        });
        request.header("Content-Type", "application/json")
                .header("User-Agent", "rpi-k8s-platform-webhooks/0.1")
                .header("webhook-id", d.messageId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", Signer.signatureHeader(d.endpoint(), d.messageId(), timestamp, d.body(),
                        now));
        if (d.traceparent() != null) {
            request.header("traceparent", d.traceparent());
        }
        long start = System.nanoTime();
        return Uni.createFrom().completionStage(() -> client.sendAsync(request.build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)))
                .map(r -> new AttemptResult(r.statusCode(), millisSince(start), excerpt(r.body()), null,
                        r.headers().firstValue("Retry-After").orElse(null), false))
                .onFailure().recoverWithItem(e -> new AttemptResult(null, millisSince(start), null,
                        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), null,
                        false));
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String excerpt(String body) {
        return body == null || body.length() <= EXCERPT ? body : body.substring(0, EXCERPT);
    }
}
