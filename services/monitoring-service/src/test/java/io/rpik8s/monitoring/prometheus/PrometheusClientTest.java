package io.rpik8s.monitoring.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.model.api.ProblemType;
import io.rpik8s.monitoring.config.SharedWebClient;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The proxy's failure mapping when Prometheus is absent, too slow or gives up on a query. */
class PrometheusClientTest {

    private final Vertx vertx = Vertx.vertx();
    private final WebClient web = new SharedWebClient().webClient(vertx);

    @AfterEach
    void closeVertx() {
        web.close();
        vertx.closeAndAwait();
    }

    @Test
    void withoutAUrlQueriesAre503SayingPrometheusIsNotConfigured() {
        PrometheusClient client = new PrometheusClient(web, Optional.empty(), Duration.ofSeconds(1),
                new ObjectMapper());
        Throwable t = catchThrowable(() -> client.get("query", Map.of("query", "up")).await().indefinitely());
        assertThat(t).isInstanceOf(ApiProblem.class).hasMessageContaining("not configured");
        assertThat(((ApiProblem) t).type()).isEqualTo(ProblemType.UPSTREAM_UNAVAILABLE);
        assertThat(client.configured()).isFalse();
    }

    @Test
    void aPrometheusThatDoesNotAnswerInTimeIs504() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer stalled = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stalled.createContext("/", exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        stalled.start();
        try {
            PrometheusClient client = new PrometheusClient(web,
                    Optional.of("http://127.0.0.1:" + stalled.getAddress().getPort()), Duration.ofMillis(300),
                    new ObjectMapper());
            Throwable t = catchThrowable(() -> client.get("query", Map.of("query", "up")).await().indefinitely());
            assertThat(t).isInstanceOf(ApiProblem.class);
            assertThat(((ApiProblem) t).type()).isEqualTo(ProblemType.UPSTREAM_TIMEOUT);
        } finally {
            release.countDown();
            stalled.stop(0);
        }
    }

    @Test
    void aQueryPrometheusGaveUpOnIs504WithPrometheusMessage() throws Exception {
        HttpServer prometheus = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        prometheus.createContext("/api/v1/query", exchange -> {
            byte[] body = ("{\"status\":\"error\",\"errorType\":\"timeout\","
                    + "\"error\":\"query timed out in expression evaluation\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        prometheus.start();
        try {
            PrometheusClient client = new PrometheusClient(web,
                    Optional.of("http://127.0.0.1:" + prometheus.getAddress().getPort()), Duration.ofSeconds(5),
                    new ObjectMapper());
            Throwable t = catchThrowable(() -> client.get("query", Map.of("query", "up")).await().indefinitely());
            assertThat(t).isInstanceOf(ApiProblem.class).hasMessageContaining("query timed out");
            assertThat(((ApiProblem) t).type()).isEqualTo(ProblemType.UPSTREAM_TIMEOUT);
        } finally {
            prometheus.stop(0);
        }
    }

    @Test
    void anUnreachablePrometheusIs503() {
        PrometheusClient client = new PrometheusClient(web, Optional.of("http://127.0.0.1:1"), Duration.ofSeconds(2),
                new ObjectMapper());
        Throwable t = catchThrowable(() -> client.get("query", Map.of("query", "up")).await().indefinitely());
        assertThat(((ApiProblem) t).type()).isEqualTo(ProblemType.UPSTREAM_UNAVAILABLE);
    }
}
