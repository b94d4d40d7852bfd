package io.rpik8s.dev.simcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rpik8s.dev.simcluster.TableColumns.Column;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders objects as {@code meta.k8s.io/v1 Table} responses, which kubectl asks for ({@code Accept:
 * application/json;as=Table;g=meta.k8s.io;v=v1}) to print {@code kubectl get} output with the usual columns.
 */
public final class TableRenderer {

    private final ObjectMapper json;

    public TableRenderer(ObjectMapper json) {
        this.json = json;
    }

    /** Renders one object or a list ({@code items}) as a Table; {@code includeObject} is None, Metadata or Object. */
    public ObjectNode render(ApiResource resource, JsonNode body, String includeObject, boolean withColumns) {
        Instant now = Instant.now();
        List<Column> columns = TableColumns.forResource(resource, now);
        ObjectNode table = json.createObjectNode();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        ObjectNode metadata = table.putObject("metadata");
        metadata.put("resourceVersion", body.path("metadata").path("resourceVersion").asText(""));
        ArrayNode definitions = table.putArray("columnDefinitions");
        if (withColumns) {
            for (Column c : columns) {
                ObjectNode d = definitions.addObject();
                d.put("name", c.name());
                d.put("type", c.type());
                d.put("format", "NAME".equals(c.name()) || "Name".equals(c.name()) ? "name" : "");
                d.put("description", "");
                d.put("priority", c.priority());
            }
        }
        ArrayNode rows = table.putArray("rows");
        List<JsonNode> items = new ArrayList<>();
        if (body.has("items")) {
            body.path("items").forEach(items::add);
            items.sort((a, b) -> (a.path("metadata").path("namespace").asText() + "/" + a.path("metadata").path("name").asText())
                    .compareTo(b.path("metadata").path("namespace").asText() + "/" + b.path("metadata").path("name").asText()));
        } else {
            items.add(body);
        }
        for (JsonNode item : items) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            for (Column c : columns) {
                cells.addPOJO(c.cell().apply(item));
            }
            if ("Object".equalsIgnoreCase(includeObject)) {
                row.set("object", item);
            } else if (!"None".equalsIgnoreCase(includeObject)) {
                ObjectNode partial = row.putObject("object");
                partial.put("kind", "PartialObjectMetadata");
                partial.put("apiVersion", "meta.k8s.io/v1");
                partial.set("metadata", item.path("metadata").deepCopy());
            }
        }
        return table;
    }
}
