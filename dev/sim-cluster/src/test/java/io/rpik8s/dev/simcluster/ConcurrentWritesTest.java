package io.rpik8s.dev.simcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Writes racing a controller, as kube-apiserver answers them: a patch that does not name a resourceVersion lands
 * whatever else writes the object meanwhile (the API server retries it on the fresh object); an update or a patch
 * that names a stale resourceVersion gets 409.
 */
class ConcurrentWritesTest {

    private final SimulatedCluster cluster = SharedCluster.get();

    @Test
    void patchesWithoutAResourceVersionLandWhileAControllerRewritesTheObject() throws Exception {
        var client = cluster.client();
        var configMaps = client.configMaps().inNamespace("default");
        configMaps.resource(new ConfigMapBuilder().withNewMetadata().withName("raced").endMetadata()
                .addToData("tick", "0").build()).create();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger controllerWrites = new AtomicInteger();
        Thread controller = new Thread(() -> {
            while (running.get()) {
                try {
                    ConfigMap current = configMaps.withName("raced").get();
                    current.getData().put("tick", Integer.toString(controllerWrites.incrementAndGet()));
                    configMaps.resource(current).update();
                } catch (KubernetesClientException e) {
                    // the controller's own update lost a race: it reads again, as a controller does
                }
            }
        });
        controller.start();
        try {
            for (int i = 0; i < 40; i++) {
                configMaps.withName("raced").patch(PatchContext.of(PatchType.JSON),
                        "[{\"op\":\"add\",\"path\":\"/data/json-" + i + "\",\"value\":\"done\"}]");
                configMaps.withName("raced").patch(PatchContext.of(PatchType.JSON_MERGE),
                        "{\"data\":{\"merge-" + i + "\":\"done\"}}");
            }
        } finally {
            running.set(false);
            controller.join();
        }

        ConfigMap result = configMaps.withName("raced").get();
        assertThat(controllerWrites.get()).as("the controller wrote meanwhile").isGreaterThan(40);
        for (int i = 0; i < 40; i++) {
            assertThat(result.getData()).containsEntry("json-" + i, "done").containsEntry("merge-" + i, "done");
        }
    }

    @Test
    void aStatusWriteFromAnOlderReadLeavesTheSpecAsItIsNow() {
        var deployments = cluster.client().apps().deployments().inNamespace("default");
        Deployment read = deployments.resource(new DeploymentBuilder().withNewMetadata().withName("status-race")
                .endMetadata().withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("run", "status-race")
                .endSelector().withNewTemplate().withNewMetadata().addToLabels("run", "status-race").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("nginx:1.27").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        deployments.withName("status-race").edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(3).endSpec()
                .build());

        read.setStatus(new DeploymentStatusBuilder().withObservedGeneration(1L).withReplicas(1).build());
        read.getMetadata().setResourceVersion(null);
        deployments.resource(read).updateStatus();

        Deployment now = deployments.withName("status-race").get();
        assertThat(now.getSpec().getReplicas()).isEqualTo(3);
        assertThat(now.getStatus().getObservedGeneration()).isEqualTo(1L);
    }

    @Test
    void aPatchOrUpdateNamingAStaleResourceVersionIsAConflict() {
        // fabric8's edit of an object held since an earlier read sends a JSON patch that adds its resourceVersion
        var configMaps = cluster.client().configMaps().inNamespace("default");
        ConfigMap first = configMaps.resource(new ConfigMapBuilder().withNewMetadata().withName("pinned")
                .endMetadata().addToData("v", "1").build()).create();
        configMaps.withName("pinned").edit(cm -> new ConfigMapBuilder(cm).addToData("v", "2").build());
        String stale = first.getMetadata().getResourceVersion();

        assertThatThrownBy(() -> cluster.client().resource(first).edit(cm -> new ConfigMapBuilder(cm)
                .addToData("v", "3").build()))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        assertThatThrownBy(() -> configMaps.withName("pinned").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"resourceVersion\":\"" + stale + "\"},\"data\":{\"v\":\"3\"}}"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        assertThatThrownBy(() -> configMaps.resource(new ConfigMapBuilder(first).addToData("v", "4").build()).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        assertThat(configMaps.withName("pinned").get().getData()).containsEntry("v", "2");
    }
}
