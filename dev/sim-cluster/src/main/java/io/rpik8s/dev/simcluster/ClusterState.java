package io.rpik8s.dev.simcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated cluster's objects kept in a file between runs, as the database, S3 and Kafka keep theirs: saved
 * when the cluster stops, put back as they were (uids, owner references, resource versions) when it starts again.
 * Nodes and CRDs are not restored: the seed of the new run describes them (CRDs as the checkout has them now).
 */
public final class ClusterState {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterState.class);
    private static final Set<String> SEEDED_KINDS = Set.of("Node", "CustomResourceDefinition");
    private final ObjectMapper json = new ObjectMapper();
    private final Path file;

    public ClusterState(Path file) {
        this.file = file;
    }

    /** Writes every stored object with its store key to the file (private: Secrets are among them). */
    void save(KubernetesCrudDispatcher store) throws IOException {
        ArrayNode entries = json.createArrayNode();
        Map<AttributeSet, String> stored;
        synchronized (store.getMap()) {
            stored = new LinkedHashMap<>(store.getMap());
        }
        for (Map.Entry<AttributeSet, String> e : stored.entrySet()) {
            ObjectNode entry = entries.addObject();
            ArrayNode key = entry.putArray("key");
            for (Attribute a : attributes(e.getKey())) {
                ObjectNode attribute = key.addObject().put("name", a.getKey().toString()).put("type", a.getType().name());
                a.getValues().forEach(v -> attribute.withArray("values").add(v.toString()));
            }
            entry.set("object", json.readTree(e.getValue()));
        }
        Files.createDirectories(file.getParent());
        PrivateFiles.write(file, entries.toString());
        LOG.info("[SIMULATED] cluster state saved: {} objects in {}", entries.size(), file);
    }

    /** Puts the saved objects back, replacing the seeded ones of the same kind, namespace and name; answers how many. */
    int restore(KubernetesCrudDispatcher store) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        JsonNode saved = json.readTree(file.toFile());
        Map<AttributeSet, String> map = store.getMap();
        long highestVersion = 0;
        int restored = 0;
        for (JsonNode entry : saved) {
            JsonNode object = entry.path("object");
            if (SEEDED_KINDS.contains(object.path("kind").asText())) {
                continue;
            }
            String id = identity(object);
            List<Attribute> key = new ArrayList<>();
            for (JsonNode a : entry.path("key")) {
                List<String> values = new ArrayList<>();
                a.path("values").forEach(v -> values.add(v.asText()));
                key.add(new Attribute(a.path("name").asText(), values, AttributeType.valueOf(a.path("type").asText())));
            }
            synchronized (map) {
                map.entrySet().removeIf(e -> id.equals(identity(read(e.getValue()))));
                map.put(new AttributeSet(key), object.toString());
            }
            highestVersion = Math.max(highestVersion, object.path("metadata").path("resourceVersion").asLong(0));
            restored++;
        }
        // New writes must get resource versions above the restored ones, as they would on a real API server.
        while (store.requestResourceVersion() < highestVersion) {
            // counts up
        }
        return restored;
    }

    /**
     * The attributes of a store key. The mock server keeps them in a package-private field; the key must be saved
     * as it is (it holds the resource's plural and labels), so it is read by reflection.
     */
    @SuppressWarnings("unchecked")
    private static Iterable<Attribute> attributes(AttributeSet set) {
        try {
            Field field = AttributeSet.class.getDeclaredField("attributes");
            field.setAccessible(true);
            return ((Map<?, Attribute>) field.get(set)).values();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("This version of the Fabric8 mock server stores keys differently", e);
        }
    }

    /** Deletes the saved state (a fresh start). */
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    private JsonNode read(String object) {
        try {
            return json.readTree(object);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static String identity(JsonNode object) {
        JsonNode metadata = object.path("metadata");
        return object.path("apiVersion").asText() + "/" + object.path("kind").asText() + "/"
                + metadata.path("namespace").asText() + "/" + metadata.path("name").asText();
    }
}
