package io.rpik8s.dev.simcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An object with finalizers is deleted as kube-apiserver deletes it: marked, kept, gone with its last finalizer. */
class FinalizersTest {

    private static final String HOLD = "example.com/hold";

    private final SimulatedCluster cluster = SharedCluster.get();
    private final NonNamespaceOperation<ConfigMap, ConfigMapList, Resource<ConfigMap>> configMaps =
            cluster.client().configMaps().inNamespace("default");

    @Test
    void aDeletedObjectStaysMarkedUntilAWriteRemovesItsLastFinalizer() {
        create("held-once", List.of(HOLD, "example.com/audit"));

        configMaps.withName("held-once").delete();

        ConfigMap marked = configMaps.withName("held-once").get();
        assertThat(marked).as("kept while finalizers hold it").isNotNull();
        assertThat(marked.getMetadata().getDeletionTimestamp()).isNotBlank();
        assertThat(marked.getData()).containsEntry("k", "v");

        configMaps.withName("held-once").edit(c -> without(c, "example.com/audit"));
        assertThat(configMaps.withName("held-once").get()).as("one finalizer left").isNotNull();

        ConfigMap last = configMaps.withName("held-once").edit(c -> without(c, HOLD));
        assertThat(last.getMetadata().getFinalizers()).isEmpty();
        assertThat(configMaps.withName("held-once").get()).as("gone with its last finalizer").isNull();
    }

    @Test
    void noFinalizerCanBeAddedToAnObjectBeingDeletedNorItsMarkChanged() {
        create("held-twice", List.of(HOLD));
        configMaps.withName("held-twice").delete();
        String mark = configMaps.withName("held-twice").get().getMetadata().getDeletionTimestamp();

        KubernetesClientException refused = assertThrows(KubernetesClientException.class,
                () -> configMaps.withName("held-twice").edit(c -> {
                    c.getMetadata().getFinalizers().add("example.com/late");
                    return c;
                }));
        assertThat(refused.getCode()).isEqualTo(422);
        assertThat(refused.getMessage()).contains("no new finalizers can be added if the object is being deleted");
        assertThat(refused.getStatus().getDetails().getCauses()).singleElement()
                .satisfies(cause -> assertThat(cause.getField()).isEqualTo("metadata.finalizers"));

        ConfigMap written = configMaps.withName("held-twice").edit(c -> {
            c.getMetadata().setDeletionTimestamp(null);
            c.getData().put("k", "changed");
            return c;
        });
        assertThat(written.getMetadata().getDeletionTimestamp()).isEqualTo(mark);
        assertThat(written.getData()).containsEntry("k", "changed");

        configMaps.withName("held-twice").edit(c -> without(c, HOLD));
        assertThat(configMaps.withName("held-twice").get()).isNull();
    }

    @Test
    void aCollectionDeleteRemovesWhatHasNoFinalizerAndMarksTheRest() {
        create("batch-free", List.of());
        create("batch-held", List.of(HOLD));

        configMaps.withLabel("batch", "batch").delete();

        assertThat(configMaps.withName("batch-free").get()).isNull();
        ConfigMap held = configMaps.withName("batch-held").get();
        assertThat(held).isNotNull();
        assertThat(held.getMetadata().getDeletionTimestamp()).isNotBlank();

        configMaps.withName("batch-held").edit(c -> without(c, HOLD));
        assertThat(configMaps.withName("batch-held").get()).isNull();
    }

    private void create(String name, List<String> finalizers) {
        configMaps.resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .addToLabels("batch", name.substring(0, name.indexOf('-'))).withFinalizers(new ArrayList<>(finalizers)).endMetadata()
                .addToData("k", "v").build()).create();
    }

    private static ConfigMap without(ConfigMap c, String finalizer) {
        List<String> left = new ArrayList<>(c.getMetadata().getFinalizers());
        left.remove(finalizer);
        c.getMetadata().setFinalizers(left);
        return c;
    }
}
