package io.rpik8s.monitoring.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.model.api.ProblemType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The proxy's failure mapping when Prometheus is absent or too slow. */
class PrometheusClientTest {

    @Test
    void withoutAUrlQueriesAre503SayingPrometheusIsNotConfigured() {
        PrometheusClient client = new PrometheusClient(Optional.empty(), Duration.ofSeconds(1), new ObjectMapper());
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
            PrometheusClient client = new PrometheusClient(
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
    void anUnreachablePrometheusIs503() {
        PrometheusClient client = new PrometheusClient(Optional.of("http://127.0.0.1:1"), Duration.ofSeconds(2),
                new ObjectMapper());
        Throwable t = catchThrowable(() -> client.get("query", Map.of("query", "up")).await().indefinitely());
        assertThat(((ApiProblem) t).type()).isEqualTo(ProblemType.UPSTREAM_UNAVAILABLE);
    }
}
