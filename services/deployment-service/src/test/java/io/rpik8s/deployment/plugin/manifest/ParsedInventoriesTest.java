package io.rpik8s.deployment.plugin.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Listing asks for an inventory's objects on every call: each version of an inventory is parsed once. */
class ParsedInventoriesTest {

    private final List<String> parsed = new ArrayList<>();
    private final ParsedInventories inventories = new ParsedInventories(this::parse, 2);

    @Test
    void oneVersionOfAnInventoryIsParsedOnceAndItsObjectsShared() {
        List<HasMetadata> first = inventories.of(inventory("shop", "uid-1", "10", "web"));
        List<HasMetadata> again = inventories.of(inventory("shop", "uid-1", "10", "web"));

        assertThat(parsed).containsExactly("shop@10");
        assertThat(again).isSameAs(first);
        assertThat(first).extracting(o -> o.getMetadata().getName()).containsExactly("web");
        assertThatThrownBy(() -> first.add(first.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aChangedOrRecreatedInventoryIsParsedAgain() {
        inventories.of(inventory("shop", "uid-1", "10", "web"));

        assertThat(inventories.of(inventory("shop", "uid-1", "11", "web", "db")))
                .extracting(o -> o.getMetadata().getName()).containsExactly("web", "db");
        // deleted and deployed again: the API server may hand out any resourceVersion, the uid is new
        assertThat(inventories.of(inventory("shop", "uid-2", "11", "db")))
                .extracting(o -> o.getMetadata().getName()).containsExactly("db");
        assertThat(parsed).containsExactly("shop@10", "shop@11", "shop@11");
    }

    @Test
    void theLeastRecentlyUsedInventoryIsForgottenBeyondTheCapacity() {
        inventories.of(inventory("a", "uid-a", "1", "web"));
        inventories.of(inventory("b", "uid-b", "1", "web"));
        inventories.of(inventory("a", "uid-a", "1", "web"));
        inventories.of(inventory("c", "uid-c", "1", "web"));

        inventories.of(inventory("a", "uid-a", "1", "web"));
        inventories.of(inventory("b", "uid-b", "1", "web"));

        assertThat(parsed).containsExactly("a@1", "b@1", "c@1", "b@1");
    }

    @Test
    void anInventoryWithoutAVersionIsParsedEachTime() {
        ConfigMap unsaved = inventory("shop", null, null, "web");
        inventories.of(unsaved);
        inventories.of(unsaved);

        assertThat(parsed).hasSize(2);
    }

    /** Stands in for the plugin's YAML parser: one ConfigMap per name the inventory lists; counts its calls. */
    private List<HasMetadata> parse(ConfigMap inventory) {
        parsed.add(inventory.getMetadata().getName() + "@" + inventory.getMetadata().getResourceVersion());
        List<HasMetadata> objects = new ArrayList<>();
        for (String name : inventory.getData().get("objects").split(",")) {
            objects.add(new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().build());
        }
        return objects;
    }

    /** The inventory of app {@code app} at one version, listing {@code objects}. */
    private static ConfigMap inventory(String app, String uid, String resourceVersion, String... objects) {
        return new ConfigMapBuilder().withNewMetadata().withName(app).withNamespace("apps").withUid(uid)
                .withResourceVersion(resourceVersion).endMetadata()
                .addToData("objects", String.join(",", objects)).build();
    }
}
