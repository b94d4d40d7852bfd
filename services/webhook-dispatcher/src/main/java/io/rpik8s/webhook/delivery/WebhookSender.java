package io.rpik8s.webhook.delivery;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.rpik8s.commons.tracing.TraceContext;
import io.rpik8s.webhook.config.WebhookConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Sends one signed attempt: the SSRF guard resolves and vets the host once, then the request connects to exactly that
 * address (no second resolution, so DNS rebinding cannot slip an internal address in) while the Host header, SNI and
 * certificate verification use the URL's host name. Redirects are not followed (a 3xx is a failure), at most
 * {@code response-read-limit-kib} of the response body is read, and each attempt is a CLIENT span.
 */
@ApplicationScoped
public class WebhookSender {

    /** Headers the dispatcher owns; custom endpoint headers cannot replace them. */
    public static final Set<String> RESERVED = Set.of("webhook-id", "webhook-timestamp", "webhook-signature",
            "content-type", "content-length", "host", TraceContext.TRACEPARENT, "user-agent", "connection");

    private static final int EXCERPT = 1000;

    /** How long an idle kept-alive connection stays open (receivers commonly close theirs after 60 s). */
    private static final Duration KEEP_IDLE = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final HttpClient client;
    private final io.vertx.core.Future<Boolean> tlsReady;
    private final Duration timeout;
    private final int readLimit;
    private final SsrfGuard guard;
    private final Tracer tracer;

    @Inject
    public WebhookSender(WebhookConfig config, SsrfGuard guard, Vertx vertx, Tracer tracer) {
        this(config, guard, vertx, tracer, new HttpClientOptions());
    }

    /** With base client options: tests add a trust store for their own TLS receiver. */
    WebhookSender(WebhookConfig config, SsrfGuard guard, Vertx vertx, Tracer tracer, HttpClientOptions base) {
        this.vertx = vertx;
        this.timeout = config.timeout();
        this.readLimit = config.responseReadLimitKib() * 1024;
        this.guard = guard;
        this.tracer = tracer;
        // Vert.x HttpClient rather than the JDK one: it can connect to a given address (RequestOptions.setServer) and
        // still send the host name in Host/SNI and verify the certificate against it, all non-blocking.
        // Tracing ignored by the client: the OpenTelemetry Vert.x instrumentation would start its own span from
        // whatever context is current (none on a retry: a new trace) and add a second traceparent header. The
        // attempt span below is parented on the event's traceparent and injected once.
        // Keep-alive is safe with the pinned address: Vert.x pools connections per (server address, host, port, TLS),
        // so a connection is reused only when the guard vetted the same address for the same host again; a new
        // address gets its own connection, verified for the host name like the first.
        this.client = vertx.createHttpClient(base.setConnectTimeout((int) timeout.toMillis())
                .setSslHandshakeTimeout(timeout.toMillis())
                .setSslHandshakeTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
                .setForceSni(true).setVerifyHost(true).setKeepAlive(true)
                .setKeepAliveTimeout((int) KEEP_IDLE.toSeconds()).setMaxPoolSize(config.worker().perEndpoint())
                .setTracingPolicy(io.vertx.core.tracing.TracingPolicy.IGNORE));
        // Vert.x builds the TLS context on the first https connection, inside that request's connect timeout; under
        // load that took longer than the timeout and a handshake failure surfaced as a timeout. Build it now.
        this.tlsReady = client.updateSSLOptions(base.getSslOptions());
    }

    @PreDestroy
    void close() {
        client.close();
    }

    public Uni<AttemptResult> send(DueDelivery d) {
        // DNS resolution blocks: the guard runs on a worker thread.
        return Uni.createFrom().item(() -> guard.vet(d.endpoint().url()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(verdict -> {
                    if (verdict.refusal() != null) {
                        return Uni.createFrom().item(new AttemptResult(null, 0, null,
                                "blocked by SSRF guard: " + verdict.refusal(), null, true));
                    }
                    if (verdict.error() != null) {
                        return Uni.createFrom().item(new AttemptResult(null, 0, null, verdict.error(), null, false));
                    }
                    return post(d, verdict.address());
                });
    }

    private Uni<AttemptResult> post(DueDelivery d, java.net.InetAddress address) {
        URI uri = URI.create(d.endpoint().url());
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String host = uri.getHost();

        Span span = startSpan(d, uri, host, port);
        Instant now = Instant.now();
        long timestamp = now.getEpochSecond();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setHost(host).setPort(port).setSsl(tls).setURI(path).setFollowRedirects(false)
                .setConnectTimeout(timeout.toMillis()).setIdleTimeout(timeout.toMillis());
        d.endpoint().headers().forEach((k, v) -> {
            if (!RESERVED.contains(k.toLowerCase())) {
                options.addHeader(k, v);
            }
        });
        options.putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "rpi-k8s-platform-webhooks/0.1")
                .putHeader("webhook-id", d.messageId())
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", Signer.signatureHeader(d.endpoint(), d.messageId(), timestamp,
                        d.body(), now));
        TraceContext.headersOf(Context.root().with(span)).forEach(options::putHeader);

        long start = System.nanoTime();
        Buffer body = Buffer.buffer(d.body(), StandardCharsets.UTF_8.name());
        Promise<AttemptResult> promise = Promise.promise();
        // Two budgets of `timeout` each: getting a connection (TCP connect and TLS handshake, counted only once the
        // TLS context exists), then the complete answer. A slow handshake is not charged to the response, nor the
        // other way round, so each failure is reported as what it is.
        tlsReady.transform(built -> client.request(options))
                .compose(request -> {
                    long timer = vertx.setTimer(timeout.toMillis(), id -> {
                        if (promise.tryComplete(new AttemptResult(null, millisSince(start), null,
                                "TimeoutException: no complete answer within " + timeout, null, false))) {
                            request.reset();
                        }
                    });
                    promise.future().onComplete(done -> vertx.cancelTimer(timer));
                    // What reads the body listens for the answer before the request is sent, so it runs on the
                    // request's context as the answer's head arrives, before its end. Registered after the send, on
                    // a thread outside Vert.x (the Kafka consumer's, the lease's), it found the answer already
                    // complete and was run later as a task: a loopback 200 had ended by then, setting the handlers
                    // threw "Response already ended", and the delivery counted as a timeout and was sent again.
                    request.response().onSuccess(response -> readBounded(response, start, promise));
                    return request.send(body);
                })
                .onFailure(e -> promise.tryComplete(failure(e, start)));
        return Uni.createFrom().completionStage(() -> promise.future().toCompletionStage())
                .ifNoItem().after(timeout.multipliedBy(2).plusSeconds(1))
                .recoverWithItem(() -> new AttemptResult(null, millisSince(start), null,
                        "TimeoutException: no connection and answer within " + timeout.multipliedBy(2), null, false))
                .invoke(result -> endSpan(span, result));
    }

    /** Reads at most the limit of the body, then closes the connection so that the rest is never buffered. */
    private void readBounded(HttpClientResponse response, long start, Promise<AttemptResult> promise) {
        Buffer kept = Buffer.buffer();
        Runnable done = () -> promise.tryComplete(new AttemptResult(response.statusCode(), millisSince(start),
                excerpt(kept), null, response.getHeader("Retry-After"), false));
        response.handler(chunk -> {
            if (promise.future().isComplete()) {
                return;
            }
            int room = readLimit - kept.length();
            kept.appendBuffer(chunk.length() <= room ? chunk : chunk.getBuffer(0, Math.max(0, room)));
            if (kept.length() >= readLimit) {
                done.run();
                response.request().connection().close();
            }
        });
        response.endHandler(v -> done.run());
        response.exceptionHandler(e -> done.run()); // the status arrived: a broken body does not change the outcome
    }

    private Span startSpan(DueDelivery d, URI uri, String host, int port) {
        return tracer.spanBuilder("webhook POST").setParent(TraceContext.parentOf(d.traceparent())).setSpanKind(SpanKind.CLIENT)
                .setAttribute("http.request.method", "POST")
                .setAttribute("url.full", uri.toString())
                .setAttribute("server.address", host)
                .setAttribute("server.port", (long) port)
                .setAttribute("webhook.id", d.messageId())
                .setAttribute("webhook.endpoint.id", d.endpoint().id())
                .setAttribute("webhook.attempt", (long) d.attemptsMade() + 1)
                .startSpan();
    }

    private static void endSpan(Span span, AttemptResult result) {
        if (result.statusCode() != null) {
            span.setAttribute("http.response.status_code", (long) result.statusCode());
        }
        if (!result.success()) {
            span.setStatus(StatusCode.ERROR, result.error() != null ? result.error()
                    : "HTTP " + result.statusCode());
        }
        span.end();
    }

    private static AttemptResult failure(Throwable e, long start) {
        return new AttemptResult(null, millisSince(start), null,
                e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), null, false);
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String excerpt(Buffer body) {
        String s = body.toString(StandardCharsets.UTF_8);
        return s.length() <= EXCERPT ? s : s.substring(0, EXCERPT);
    }
}
