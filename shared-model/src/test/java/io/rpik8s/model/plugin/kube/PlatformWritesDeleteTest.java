package io.rpik8s.model.plugin.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link PlatformWrites#delete} against an API server that refuses writes pinned to a stale resourceVersion. */
@EnableKubernetesMockClient(crud = true)
class PlatformWritesDeleteTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void aDeploymentChangedSinceItWasReadIsStillDeletedAndItsLastStateSaysThePlatformDidIt() {
        Deployment read = client.apps().deployments().inNamespace("apps").resource(new DeploymentBuilder()
                .withNewMetadata().withName("web").endMetadata().withNewSpec().withReplicas(1).endSpec().build())
                .create();
        // the deployment controller writes the status of a rollout after the platform read the object
        client.apps().deployments().inNamespace("apps").withName("web")
                .edit(d -> new DeploymentBuilder(d).withNewStatus().withReplicas(1).endStatus().build());
        List<Deployment> lastStates = new CopyOnWriteArrayList<>();
        try (var watch = client.apps().deployments().inNamespace("apps").withName("web").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Deployment resource) {
                lastStates.add(resource);
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            PlatformWrites.delete(client, read, "apps");
        }

        assertThat(client.apps().deployments().inNamespace("apps").withName("web").get()).isNull();
        assertThat(lastStates).anyMatch(PlatformWrites::isPlatformDeletion);
    }

    @Test
    void oneGoneAlreadyIsLeftAlone() {
        Deployment gone = new DeploymentBuilder().withNewMetadata().withName("gone").withNamespace("apps")
                .withResourceVersion("7").endMetadata().build();

        PlatformWrites.delete(client, gone, "apps");

        assertThat(client.apps().deployments().inNamespace("apps").list().getItems()).isEmpty();
    }
}
