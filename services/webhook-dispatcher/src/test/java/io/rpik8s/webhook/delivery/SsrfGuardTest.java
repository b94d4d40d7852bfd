package io.rpik8s.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpik8s.webhook.config.WebhookConfig;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The SSRF guard with production defaults (loopback not allowed), without the application. */
class SsrfGuardTest {

    static SsrfGuard guard(boolean allowLoopback, List<String> allowList) {
        return guard(allowLoopback, allowList, List.of());
    }

    static SsrfGuard guard(boolean allowLoopback, List<String> allowList, List<Integer> refusedLoopbackPorts) {
        WebhookConfig.Ssrf ssrf = (WebhookConfig.Ssrf) Proxy.newProxyInstance(SsrfGuardTest.class.getClassLoader(),
                new Class<?>[] {WebhookConfig.Ssrf.class}, (p, m, a) -> switch (m.getName()) {
                    case "allowLoopback" -> allowLoopback;
                    case "allowList" -> Optional.of(allowList);
                    case "refusedLoopbackPorts" -> Optional.of(refusedLoopbackPorts);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        WebhookConfig config = (WebhookConfig) Proxy.newProxyInstance(SsrfGuardTest.class.getClassLoader(),
                new Class<?>[] {WebhookConfig.class}, (p, m, a) -> {
                    if (m.getName().equals("ssrf")) {
                        return ssrf;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        return new SsrfGuard(config);
    }

    @Test
    void loopbackPrivateLinkLocalAndMetadataAreRefusedByDefault() {
        SsrfGuard guard = guard(false, List.of());
        for (String url : List.of("http://127.0.0.1:8080/x", "http://localhost/x", "http://[::1]/x",
                "http://10.1.2.3/x", "http://172.16.0.1/x", "http://192.168.1.10/x", "http://169.254.169.254/x",
                "http://[fe80::1]/x", "http://[fd00::1]/x", "http://[::ffff:127.0.0.1]/x", "http://0.0.0.0/x",
                "http://100.64.0.1/x")) {
            assertThat(guard.refusal(url)).as(url).isNotNull();
        }
        assertThat(guard.refusal("http://93.184.216.34/x")).isNull();
    }

    @Test
    void allowListAdmitsInClusterRangesAndHostsAndLoopbackOnlyWhenAllowed() {
        SsrfGuard guard = guard(false, List.of("10.43.0.0/16", "localhost"));
        assertThat(guard.refusal("http://10.43.12.7/x")).isNull();
        assertThat(guard.refusal("http://10.44.0.1/x")).isNotNull();
        assertThat(guard.refusal("http://localhost/x")).isNull();
        assertThat(guard(true, List.of()).refusal("http://127.0.0.1:8080/x")).isNull();
        assertThat(guard(true, List.of()).refusal("http://169.254.169.254/x")).isNotNull();
    }

    @Test
    void cloudMetadataNamesAreRefusedEvenWhereTheyDoNotResolve() {
        SsrfGuard guard = guard(false, List.of());
        for (String url : List.of("http://metadata.google.internal/computeMetadata/v1/",
                "http://METADATA.google.internal./x", "http://instance-data/latest", "http://[::ffff:169.254.169.254]/x")) {
            assertThat(guard.refusal(url)).as(url).isNotNull();
        }
    }

    @Test
    void thePlatformsOwnPortsAreRefusedWhenLoopbackIsAllowed() {
        SsrfGuard guard = guard(true, List.of(), List.of(8081, 8084));
        assertThat(guard.refusal("http://127.0.0.1:8084/api/v1/webhooks/endpoints")).contains("port 8084");
        assertThat(guard.refusal("http://localhost:8081/x")).contains("port 8081");
        assertThat(guard.refusal("http://127.0.0.1:9999/receiver")).isNull();
    }
}
