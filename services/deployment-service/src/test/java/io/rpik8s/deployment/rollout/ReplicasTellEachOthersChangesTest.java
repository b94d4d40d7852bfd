package io.rpik8s.deployment.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.rpik8s.deployment.change.ChangeRecorder;
import io.rpik8s.deployment.change.OwnChanges;
import io.rpik8s.deployment.plugin.container.ContainerPlugin;
import io.rpik8s.model.events.PlatformEvent;
import io.rpik8s.model.plugin.AppLabels;
import io.rpik8s.model.plugin.AppRef;
import io.rpik8s.model.plugin.DeploymentConfig;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of deployment-service watch the same cluster (the Fabric8 mock, whose informer feeds both, as the
 * service's cache does): the changes replica A makes through its plugin are not announced by replica B, which never
 * saw them being made, while a kubectl-style write (no platform stamp) is announced by B with {@code origin: cluster}.
 */
@EnableKubernetesMockClient(crud = true)
class ReplicasTellEachOthersChangesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger APPS = new AtomicInteger();

    static KubernetesClient client;

    private final Replica a = new Replica();
    private final Replica b = new Replica();
    private ContainerPlugin pluginOfA;
    private SharedIndexInformer<Deployment> informer;
    private final AtomicInteger deletionsSeen = new AtomicInteger();
    private AppRef app;

    /** One replica's view: its own OwnChanges and ClusterChanges, and the events it announced. */
    private static final class Replica {
        final List<String> announced = new CopyOnWriteArrayList<>();
        final ClusterChanges changes = new ClusterChanges(null, new OwnChanges(client, null),
                new ChangeRecorder(null, null, new ObjectMapper()) {
                    @Override
                    public Uni<Void> succeeded(String actor, AppRef app, String action, Object details,
                            PlatformEvent event) {
                        announced.add(event.event() + " " + event.deployment().origin() + " " + actor);
                        return Uni.createFrom().voidItem();
                    }
                }, new ObjectMapper());
    }

    @BeforeEach
    void cluster() {
        app = new AppRef("apps", "web-" + APPS.incrementAndGet());
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(app.namespace())
                .endMetadata().build()).createOr(NonDeletingOperation::update);
        pluginOfA = new ContainerPlugin(client, new ObjectMapper(), null, () -> java.time.Duration.ofSeconds(20));
        pluginOfA.deploy(new DeploymentConfig(app.name(), app.namespace(), "nginx:1.27", 1,
                AppLabels.of(app.name(), ContainerPlugin.NAME), null, Map.of())).await().atMost(WAIT);
        informer = client.apps().deployments().inNamespace(app.namespace()).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Deployment d) {
            }

            @Override
            public void onUpdate(Deployment before, Deployment after) {
                both(before, after);
            }

            @Override
            public void onDelete(Deployment d, boolean finalStateUnknown) {
                both(d, null);
                deletionsSeen.incrementAndGet();
            }
        });
        await().atMost(WAIT).until(informer::hasSynced);
    }

    @AfterEach
    void stop() {
        informer.close();
    }

    private void both(HasMetadata before, HasMetadata after) {
        a.changes.changed(before, after);
        b.changes.changed(before, after);
    }

    @Test
    void aReplicasOwnScaleRestartAndDeleteAreNotAnnouncedByTheOtherWhileKubectlsAre() {
        pluginOfA.scale(app, 3).await().atMost(WAIT);
        kubectl("kubectl-scale", d -> {
            d.getSpec().setReplicas(5);
            return d;
        });
        await().atMost(WAIT).until(() -> b.announced.size() >= 1);

        pluginOfA.restart(app).await().atMost(WAIT);
        kubectl("kubectl-rollout", d -> {
            d.getSpec().getTemplate().getMetadata().setAnnotations(Map.of("kubectl.kubernetes.io/restartedAt",
                    Instant.now().toString()));
            return d;
        });
        await().atMost(WAIT).until(() -> b.announced.size() >= 2);

        pluginOfA.delete(app).await().atMost(WAIT);
        await().atMost(WAIT).until(() -> deletionsSeen.get() == 1);

        assertThat(b.announced).containsExactly("deployment.scaled cluster kubectl-scale",
                "deployment.restarted cluster kubectl-rollout");
        assertThat(a.announced).as("the replica that made the changes knows them too").isEqualTo(b.announced);
    }

    @Test
    void aKubectlDeleteAfterThePlatformsChangesIsStillAnnounced() {
        pluginOfA.scale(app, 2).await().atMost(WAIT);

        client.apps().deployments().inNamespace(app.namespace()).withName(app.name()).delete();

        await().atMost(WAIT).until(() -> b.announced.size() >= 1);
        assertThat(b.announced).containsExactly("deployment.deleted cluster cluster");
    }

    /** A write as kubectl makes it: the object's own annotations untouched, its manager recorded. */
    private void kubectl(String manager, UnaryOperator<Deployment> change) {
        client.apps().deployments().inNamespace(app.namespace()).withName(app.name()).edit(d -> {
            Deployment changed = change.apply(d);
            changed.getMetadata().setManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager(manager)
                    .withOperation("Update").withApiVersion("apps/v1").withTime(Instant.now().toString()).build()));
            return changed;
        });
    }
}
