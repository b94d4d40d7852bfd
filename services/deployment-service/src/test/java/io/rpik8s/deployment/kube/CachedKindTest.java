package io.rpik8s.deployment.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.rpik8s.model.plugin.AppUnavailableException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

/** The cache of one kind when the API server is not there yet as the service starts (a Pi cluster booting). */
class CachedKindTest {

    @Test
    void aCacheStartedWhileTheApiServerIsDownFillsOnceItAnswers() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Config config = new ConfigBuilder().withMasterUrl("http://127.0.0.1:" + port).withNamespace("apps")
                .withRequestRetryBackoffLimit(0).withConnectionTimeout(1000).build();
        CachedKind<Deployment> deployments = new CachedKind<>("Deployment");
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            deployments.start("apps", client.apps().deployments().inNamespace("apps").runnableInformer(0));
            // Nothing listens yet: the first list fails, and the cache says so rather than answering empty.
            await().pollDelay(Duration.ofSeconds(1)).untilAsserted(() -> assertThatThrownBy(
                    () -> deployments.list("apps")).isInstanceOf(AppUnavailableException.class));

            server.init(InetAddress.getLoopbackAddress(), port);
            try (KubernetesClient admin = server.createClient()) {
                admin.apps().deployments().inNamespace("apps").resource(new DeploymentBuilder().withNewMetadata()
                        .withName("web").withNamespace("apps").endMetadata().withNewSpec().withReplicas(1).endSpec()
                        .build()).create();
            }
            await().atMost(Duration.ofMinutes(2)).ignoreException(AppUnavailableException.class)
                    .untilAsserted(() -> assertThat(deployments.get("apps", "web"))
                    .as("the Deployment, once a retried first list succeeds").isPresent());
        } finally {
            deployments.stop();
            server.destroy();
        }
    }
}
