package io.rpik8s.webhook.delivery;

import io.rpik8s.webhook.config.WebhookConfig;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link WebhookConfig} for tests without the application: the given values, else the documented defaults. */
final class TestConfigs {

    private TestConfigs() {
    }

    static WebhookConfig config(boolean allowLoopback, Map<String, Object> overrides) {
        WebhookConfig.Ssrf ssrf = proxy(WebhookConfig.Ssrf.class, Map.of("allowLoopback", allowLoopback,
                "allowList", Optional.of(List.of()), "refusedLoopbackPorts", Optional.of(List.of())));
        WebhookConfig.Breaker breaker = proxy(WebhookConfig.Breaker.class, Map.of("failureThreshold", 3,
                "openFor", Duration.ofSeconds(30)));
        WebhookConfig.Worker worker = proxy(WebhookConfig.Worker.class, Map.of("pollInterval", Duration.ofSeconds(1),
                "window", 64, "perEndpoint", 32, "aheadPerEndpoint", 96, "ahead", 256, "lease", Optional.empty()));
        Map<String, Object> values = new java.util.HashMap<>(Map.of("ssrf", ssrf, "circuitBreaker", breaker,
                "worker", worker,
                "timeout", Duration.ofSeconds(5), "responseReadLimitKib", 64,
                "retryAfterMax", Duration.ofHours(24), "retrySchedule", List.of(Duration.ofSeconds(5)),
                "retryJitter", 0.0));
        values.putAll(overrides);
        return proxy(WebhookConfig.class, values);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Map<String, Object> values) {
        return (T) Proxy.newProxyInstance(TestConfigs.class.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
            if (values.containsKey(m.getName())) {
                return values.get(m.getName());
            }
            throw new UnsupportedOperationException(m.getName());
        });
    }
}
