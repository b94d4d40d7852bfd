package io.rpik8s.commons.health;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the Kubernetes API server answers. */
@Readiness
@ApplicationScoped
public class KubernetesApiReadinessCheck implements AsyncHealthCheck {

    private final KubernetesClient client;

    public KubernetesApiReadinessCheck(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        // The fabric8 client blocks; keep it off the event loop.
        return Uni.createFrom().item(this::probe)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem().after(Duration.ofSeconds(5))
                .recoverWithItem(() -> HealthCheckResponse.named("Kubernetes API").down()
                        .withData("error", "no answer within 5 s").build());
    }

    private HealthCheckResponse probe() {
        var response = HealthCheckResponse.named("Kubernetes API").withData("url", client.getMasterUrl().toString());
        try {
            var version = client.getKubernetesVersion();
            return response.up().withData("version", version.getGitVersion()).build();
        } catch (KubernetesClientException e) {
            if (e.getCode() > 0) {
                // The server answered (some test servers do not serve /version): it is reachable.
                return response.up().build();
            }
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
