package io.rpik8s.deployment.plugin.manifest;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The objects of each inventory ConfigMap, parsed once per version of it (its {@code uid} and
 * {@code resourceVersion}) and shared by every caller, which only reads them: listing asks for them on every call.
 */
final class ParsedInventories {

    /** Inventories remembered, least recently used dropped first: a few thousand manifest apps. */
    static final int CAPACITY = 4096;

    private final Function<ConfigMap, List<HasMetadata>> parser;
    // an LRU rather than pruned on deletion: a plugin sees only the SPI and the client, not the cache's deletions
    private final Map<String, Parsed> parsed;

    ParsedInventories(Function<ConfigMap, List<HasMetadata>> parser, int capacity) {
        this.parser = parser;
        this.parsed = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Parsed> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The objects {@code inventory} lists, unmodifiable and shared: a caller that changes one must copy it. */
    List<HasMetadata> of(ConfigMap inventory) {
        ObjectMeta meta = inventory.getMetadata();
        if (meta.getUid() == null || meta.getResourceVersion() == null) {
            // not read from the API server: no version to know it by again
            return Collections.unmodifiableList(parser.apply(inventory));
        }
        String key = meta.getNamespace() + "/" + meta.getName();
        synchronized (parsed) {
            Parsed known = parsed.get(key);
            if (known != null && known.isOf(meta)) {
                return known.items();
            }
        }
        // parsed outside the lock: listings that meet a new version at once may each parse it, none waits for another
        Parsed made = new Parsed(meta.getUid(), meta.getResourceVersion(),
                Collections.unmodifiableList(new ArrayList<>(parser.apply(inventory))));
        synchronized (parsed) {
            parsed.put(key, made);
        }
        return made.items();
    }

    /** One version of one inventory (a re-created ConfigMap of the same name has another uid), parsed. */
    private record Parsed(String uid, String resourceVersion, List<HasMetadata> items) {

        boolean isOf(ObjectMeta meta) {
            return Objects.equals(uid, meta.getUid()) && Objects.equals(resourceVersion, meta.getResourceVersion());
        }
    }
}
