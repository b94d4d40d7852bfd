package io.rpik8s.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.rpik8s.webhook.store.Endpoint;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sender against real Vert.x receivers on loopback, without the application: it connects to the address the SSRF
 * guard vetted (never resolving the name again), refuses blocked names without connecting, reads a bounded part of a
 * huge answer, and sends the attempt span's traceparent in the event's trace.
 */
class WebhookSenderTest {

    static final String SECRET = "whsec_c3RhdGljLXNlY3JldC1mb3ItdGVzdHMtMDEyMzQ1Njc=";
    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    Vertx vertx;
    HttpServer server;
    final AtomicInteger connections = new AtomicInteger();
    final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    final List<ReadableSpan> spans = new CopyOnWriteArrayList<>();
    final AtomicLong bytesStreamed = new AtomicLong();
    final AtomicBoolean hugeBodyCompleted = new AtomicBoolean();
    final AtomicInteger resolutions = new AtomicInteger();
    SdkTracerProvider tracing;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().connectionHandler(c -> connections.incrementAndGet())
                .requestHandler(req -> req.body().onSuccess(body -> {
                    requests.add(Map.of("host", req.getHeader("Host"), "path", req.uri(),
                            "traceparent", String.valueOf(req.getHeader("traceparent"))));
                    if (req.path().equals("/huge")) {
                        stream(req.response(), 32 * 1024 * 1024);
                    } else {
                        req.response().setStatusCode(200).end("ok");
                    }
                }));
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        tracing = SdkTracerProvider.builder().addSpanProcessor(new SpanProcessor() {
            @Override
            public void onStart(Context parentContext, ReadWriteSpan span) {
            }

            @Override
            public boolean isStartRequired() {
                return false;
            }

            @Override
            public void onEnd(ReadableSpan span) {
                spans.add(span);
            }

            @Override
            public boolean isEndRequired() {
                return true;
            }
        }).build();
    }

    /** Streams {@code total} bytes in 64 KiB chunks, respecting back-pressure, as a huge answer. */
    void stream(HttpServerResponse response, long total) {
        response.setChunked(true).setStatusCode(200);
        Buffer chunk = Buffer.buffer(new byte[64 * 1024]).setString(0, "x".repeat(2000));
        Runnable[] pump = new Runnable[1];
        pump[0] = () -> {
            while (!response.writeQueueFull() && bytesStreamed.get() < total && !response.closed()) {
                response.write(chunk);
                bytesStreamed.addAndGet(chunk.length());
            }
            if (bytesStreamed.get() >= total) {
                response.end().onSuccess(v -> hugeBodyCompleted.set(true));
            } else if (!response.closed()) {
                response.drainHandler(v -> pump[0].run());
            }
        };
        pump[0].run();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        tracing.close();
    }

    WebhookSender sender(boolean allowLoopback, Map<String, InetAddress> dns) {
        var config = TestConfigs.config(allowLoopback, Map.of());
        SsrfGuard guard = new SsrfGuard(config, host -> {
            resolutions.incrementAndGet();
            InetAddress a = dns.get(host);
            if (a == null) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {a};
        });
        return new WebhookSender(config, guard, vertx, tracing.get("test"));
    }

    static DueDelivery delivery(String url, String traceparent) {
        Endpoint e = new Endpoint("ep_test", url, null, true, null, List.of("*"), List.of(), List.of(), Map.of(),
                null, null, SECRET, null, null, null, null, false, null, null, null);
        return new DueDelivery(1, 0, "msg_1", "deployment.created", "{\"event\":\"deployment.created\"}",
                traceparent, e);
    }

    int port() {
        return server.actualPort();
    }

    static InetAddress loopback() throws UnknownHostException {
        return InetAddress.getByName("127.0.0.1");
    }

    @Test
    void connectsToTheVettedAddressWithTheOriginalHostName() throws Exception {
        // The name exists only in the guard's resolver: reaching the receiver proves the client never resolved it.
        WebhookSender sender = sender(true, Map.of("hooks.example.test", loopback()));
        AttemptResult r = sender.send(delivery("http://hooks.example.test:" + port() + "/hook?a=1", PARENT))
                .await().atMost(Duration.ofSeconds(10));
        assertThat(r.statusCode()).as(String.valueOf(r.error())).isEqualTo(200);
        assertThat(r.responseExcerpt()).isEqualTo("ok");
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0)).containsEntry("host", "hooks.example.test:" + port())
                .containsEntry("path", "/hook?a=1");
        assertThat(resolutions).hasValue(1);
    }

    @Test
    void everyAnswerIsReadWhenAttemptsStartOnThreadsOutsideVertx() throws Exception {
        // The Kafka consumer and the lease start attempts on their own threads. A loopback receiver can answer, and
        // the event loop read the whole answer, before such a thread has registered what reads the body: that
        // answer must still count as what it was, not as a timeout followed by a second delivery.
        WebhookSender sender = sender(true, Map.of("hooks.example.test", loopback()));
        DueDelivery d = delivery("http://hooks.example.test:" + port() + "/hook", null);
        List<AttemptResult> results = new CopyOnWriteArrayList<>();
        List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 300; i++) {
                    results.add(sender.send(d).await().atMost(Duration.ofSeconds(30)));
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(results).hasSize(1200);
        assertThat(results).filteredOn(r -> r.statusCode() == null || r.statusCode() != 200 || !"ok".equals(r.responseExcerpt()))
                .as("attempts whose answer was lost").isEmpty();
    }

    @Test
    void aNameResolvingToABlockedAddressIsRefusedWithoutAnyConnection() throws Exception {
        WebhookSender sender = sender(false, Map.of("rebind.example.test", loopback()));
        AttemptResult r = sender.send(delivery("http://rebind.example.test:" + port() + "/hook", null))
                .await().atMost(Duration.ofSeconds(10));
        assertThat(r.blocked()).isTrue();
        assertThat(r.error()).contains("rebind.example.test resolves to 127.0.0.1 (loopback)");
        assertThat(connections).hasValue(0);
        assertThat(requests).isEmpty();
    }

    @Test
    void anUnresolvableNameIsARetryableFailureWithoutConnection() {
        AttemptResult r = sender(true, Map.of()).send(delivery("http://nowhere.example.test:" + port() + "/h", null))
                .await().atMost(Duration.ofSeconds(10));
        assertThat(r.blocked()).isFalse();
        assertThat(r.statusCode()).isNull();
        assertThat(r.error()).contains("UnknownHostException");
        assertThat(connections).hasValue(0);
    }

    @Test
    void aHugeAnswerIsReadOnlyUpToTheLimit() throws Exception {
        WebhookSender sender = sender(true, Map.of("hooks.example.test", loopback()));
        AttemptResult r = sender.send(delivery("http://hooks.example.test:" + port() + "/huge", null))
                .await().atMost(Duration.ofSeconds(10));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.success()).isTrue();
        assertThat(r.responseExcerpt()).hasSize(1000).matches("x+");
        // The connection was closed after 64 KiB: the receiver never manages to send its 32 MB.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> !hugeBodyCompleted.get());
        assertThat(bytesStreamed.get()).isLessThan(32L * 1024 * 1024);
    }

    @Test
    void theAttemptIsASpanInTheEventsTraceAndItsTraceparentIsSent() {
        WebhookSender sender = sender(true, Map.of("hooks.example.test", java.net.InetAddress.getLoopbackAddress()));
        AttemptResult r = sender.send(delivery("http://hooks.example.test:" + port() + "/hook", PARENT))
                .await().atMost(Duration.ofSeconds(10));
        assertThat(r.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> spans.size() == 1);
        ReadableSpan span = spans.get(0);
        assertThat(span.getSpanContext().getTraceId()).isEqualTo(TRACE_ID);
        assertThat(span.toSpanData().getParentSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(span.getKind()).isEqualTo(io.opentelemetry.api.trace.SpanKind.CLIENT);
        assertThat(span.toSpanData().getAttributes().asMap().toString()).contains("http.response.status_code=200");
        String sent = requests.get(0).get("traceparent");
        assertThat(sent).isEqualTo("00-" + TRACE_ID + "-" + span.getSpanContext().getSpanId() + "-01");
    }

    /** A TLS receiver on loopback with a self-signed certificate for {@code certHost}; records the SNI it saw. */
    int tlsReceiver(io.vertx.core.net.SelfSignedCertificate cert, List<String> sni) throws Exception {
        HttpServer tls = vertx.createHttpServer(new io.vertx.core.http.HttpServerOptions().setSsl(true).setSni(true)
                        .setKeyCertOptions(cert.keyCertOptions()))
                .connectionHandler(c -> connections.incrementAndGet())
                .requestHandler(req -> {
                    sni.add(String.valueOf(req.connection().indicatedServerName()));
                    req.response().end("tls ok");
                });
        return tls.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .actualPort();
    }

    WebhookSender tlsSender(io.vertx.core.net.SelfSignedCertificate trusted) throws Exception {
        var config = TestConfigs.config(true, Map.of());
        SsrfGuard guard = new SsrfGuard(config, host -> new InetAddress[] {loopback()});
        return new WebhookSender(config, guard, vertx, tracing.get("test"),
                new io.vertx.core.http.HttpClientOptions().setTrustOptions(trusted.trustOptions()));
    }

    @Test
    void tlsUsesTheHostNameForSniAndCertificateVerificationWhileConnectingToTheVettedAddress() throws Exception {
        var cert = io.vertx.core.net.SelfSignedCertificate.create("hooks.example.test");
        List<String> sni = new CopyOnWriteArrayList<>();
        int port = tlsReceiver(cert, sni);
        AttemptResult r = tlsSender(cert).send(delivery("https://hooks.example.test:" + port + "/hook", null))
                .await().atMost(Duration.ofSeconds(10));
        assertThat(r.statusCode()).as(String.valueOf(r.error())).isEqualTo(200);
        assertThat(r.responseExcerpt()).isEqualTo("tls ok");
        assertThat(sni).containsExactly("hooks.example.test");
    }

    @Test
    void aCertificateForAnotherNameIsRejected() throws Exception {
        var cert = io.vertx.core.net.SelfSignedCertificate.create("other.example.test");
        List<String> sni = new CopyOnWriteArrayList<>();
        int port = tlsReceiver(cert, sni);
        AttemptResult r = tlsSender(cert).send(delivery("https://hooks.example.test:" + port + "/hook", null))
                .await().atMost(Duration.ofSeconds(10));
        assertThat(r.statusCode()).isNull();
        assertThat(r.error()).as("the same certificate is trusted: only the name mismatch fails").startsWith("SSLHandshakeException");
        assertThat(sni).isEmpty();
    }
}
