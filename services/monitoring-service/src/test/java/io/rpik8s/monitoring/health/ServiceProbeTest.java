package io.rpik8s.monitoring.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import io.rpik8s.monitoring.config.SharedWebClient;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an HTTP probe reports: 2xx and 3xx up (redirects not followed), an error status or silence down. */
class ServiceProbeTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final Vertx vertx = Vertx.vertx();
    private final WebClient web = new SharedWebClient().webClient(vertx);
    private final ServiceProbe probe = new ServiceProbe(vertx, web);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger redirectTargetHits = new AtomicInteger();
    private HttpServer service;

    @BeforeEach
    void startService() throws IOException {
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/healthz", exchange -> answer(exchange, 200));
        service.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/elsewhere");
            answer(exchange, 302);
        });
        service.createContext("/elsewhere", exchange -> {
            redirectTargetHits.incrementAndGet();
            answer(exchange, 500);
        });
        service.createContext("/broken", exchange -> answer(exchange, 503));
        service.createContext("/stalled", exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        service.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        service.stop(0);
        web.close();
        vertx.closeAndAwait();
    }

    @Test
    void aHealthyEndpointIsUp() {
        probe.probe("http", url("/healthz"), TIMEOUT).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void aRedirectIsUpAndNotFollowed() {
        probe.probe("http", url("/moved"), TIMEOUT).await().atMost(Duration.ofSeconds(5));
        assertThat(redirectTargetHits).hasValue(0);
    }

    @Test
    void anErrorStatusIsDownWithTheStatus() {
        Throwable t = catchThrowable(() -> probe.probe("http", url("/broken"), TIMEOUT).await()
                .atMost(Duration.ofSeconds(5)));
        assertThat(t).isInstanceOf(IllegalStateException.class).hasMessage("HTTP 503");
    }

    @Test
    void aServiceThatDoesNotAnswerIsDownWhenItsTimeoutEnds() {
        long start = System.nanoTime();
        Throwable t = catchThrowable(() -> probe.probe("http", url("/stalled"), TIMEOUT).await()
                .atMost(Duration.ofSeconds(10)));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(t).isNotNull().isNotInstanceOf(io.smallrye.mutiny.TimeoutException.class);
        // The timeout, plus slack for a loaded two-core machine; the point is that the probe does not hang.
        assertThat(tookMillis).isGreaterThanOrEqualTo(TIMEOUT.toMillis() - 50).isLessThan(5_000);
    }

    @Test
    void anHttpServiceThatRefusesConnectionsIsDown() {
        Throwable t = catchThrowable(() -> probe.probe("http", "http://127.0.0.1:1/healthz", TIMEOUT).await()
                .atMost(Duration.ofSeconds(5)));
        assertThat(t).isNotNull().isNotInstanceOf(io.smallrye.mutiny.TimeoutException.class);
        assertThat(t.getMessage()).containsIgnoringCase("refused");
    }

    @Test
    void aMalformedAddressIsDownNamingTheFault() {
        Throwable t = catchThrowable(() -> probe.probe("http", "http://bad host/", TIMEOUT).await()
                .atMost(Duration.ofSeconds(5)));
        assertThat(t).isInstanceOf(IllegalArgumentException.class);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + service.getAddress().getPort() + path;
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
