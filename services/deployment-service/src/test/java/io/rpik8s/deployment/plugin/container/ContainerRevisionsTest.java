package io.rpik8s.deployment.plugin.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.rpik8s.model.plugin.AppUnavailableException;
import io.rpik8s.model.plugin.Revision;
import io.rpik8s.model.plugin.kube.Rollouts;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The history is read once the deployment controller has recorded the Deployment's latest spec; no controller here. */
@EnableKubernetesMockClient(crud = true)
class ContainerRevisionsTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void aChangeTheControllerNeverRecordsAnswers503NamingTheDeploymentInsteadOfAStaleHistory() {
        Deployment unobserved = deploymentAtRevision(1);
        ContainerRevisions revisions = new ContainerRevisions(client, Duration.ofMillis(300));

        assertThatThrownBy(() -> revisions.rollBack(unobserved, null))
                .isInstanceOf(AppUnavailableException.class)
                .hasMessageContaining("Deployment apps/web")
                .hasMessageContaining("generation " + unobserved.getMetadata().getGeneration())
                .satisfies(e -> assertThat(((AppUnavailableException) e).retryAfterSeconds()).isPositive());
        assertThat(client.apps().deployments().inNamespace("apps").withName("web").get().getSpec().getTemplate())
                .as("nothing was rolled back").isEqualTo(unobserved.getSpec().getTemplate());
    }

    @Test
    void theHistoryIsReadOnceTheControllerHasRecordedTheChange() throws Exception {
        Deployment unobserved = deploymentAtRevision(1);
        ContainerRevisions revisions = new ContainerRevisions(client, Duration.ofSeconds(30));

        CompletableFuture<List<Revision>> read = CompletableFuture.supplyAsync(() -> revisions.of(unobserved));
        // it watches the Deployment for the controller's status
        await().atMost(Duration.ofSeconds(30)).until(() -> server.getLastRequest() != null
                && server.getLastRequest().getPath().contains("watch=true"));
        assertThat(read).isNotDone();
        // the controller comes: revision 2's ReplicaSet, then the status saying it observed the latest spec
        replicaSet("web-2", 2, unobserved);
        client.apps().deployments().inNamespace("apps").withName("web").editStatus(d -> new DeploymentBuilder(d)
                .withStatus(new DeploymentStatusBuilder().withObservedGeneration(d.getMetadata().getGeneration())
                        .build()).build());

        assertThat(read.get(30, TimeUnit.SECONDS)).extracting(Revision::number).containsExactly(1L, 2L);
    }

    /** A Deployment whose spec changed after revision {@code observed}'s ReplicaSet was made, not yet observed. */
    private Deployment deploymentAtRevision(long observed) {
        Deployment created = client.apps().deployments().inNamespace("apps").resource(new DeploymentBuilder()
                .withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("web:1").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        replicaSet("web-1", observed, created);
        // what the API server does on a change of the spec (generation + 1), which the controller has not seen
        client.apps().deployments().inNamespace("apps").withName("web").editStatus(d -> new DeploymentBuilder(d)
                .withNewStatus().withObservedGeneration(1L).endStatus().build());
        Deployment changed = client.apps().deployments().inNamespace("apps").withName("web").edit(d ->
                new DeploymentBuilder(d).editMetadata().withGeneration(2L).endMetadata().editSpec().editTemplate()
                        .editSpec().editFirstContainer().withImage("web:2").endContainer().endSpec().endTemplate()
                        .endSpec().build());
        assertThat(changed.getMetadata().getGeneration()).isGreaterThan(changed.getStatus().getObservedGeneration());
        return changed;
    }

    private void replicaSet(String name, long revision, Deployment owner) {
        client.apps().replicaSets().inNamespace("apps").resource(new ReplicaSetBuilder()
                .withNewMetadata().withName(name).addToAnnotations(Rollouts.REVISION, String.valueOf(revision))
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment").withName("web")
                .withUid(owner.getMetadata().getUid()).withController(true).endOwnerReference().endMetadata()
                .withNewSpec().withReplicas(1).withNewTemplate().withNewSpec().addNewContainer().withName("web")
                .withImage("web:" + revision).endContainer().endSpec().endTemplate().endSpec().build()).create();
    }
}
