package io.rpik8s.dev.simcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Renders objects as {@code meta.k8s.io/v1 Table} responses, which kubectl asks for ({@code Accept:
 * application/json;as=Table;g=meta.k8s.io;v=v1}) to print {@code kubectl get} output with the usual columns.
 */
public final class TableRenderer {

    private record Column(String name, String type, int priority, Function<JsonNode, Object> cell) {
    }

    private final ObjectMapper json;

    public TableRenderer(ObjectMapper json) {
        this.json = json;
    }

    /** Renders one object or a list ({@code items}) as a Table; {@code includeObject} is None, Metadata or Object. */
    public ObjectNode render(ApiResource resource, JsonNode body, String includeObject, boolean withColumns) {
        Instant now = Instant.now();
        List<Column> columns = columnsFor(resource, now);
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

    private List<Column> columnsFor(ApiResource r, Instant now) {
        Column name = new Column("Name", "string", 0, o -> o.path("metadata").path("name").asText());
        Column age = new Column("Age", "string", 0, o -> Ages.since(o.path("metadata").path("creationTimestamp").asText(), now));
        switch (r.groupVersion() + "/" + r.plural()) {
            case "v1/nodes":
                return List.of(name,
                        new Column("Status", "string", 0, TableRenderer::nodeStatus),
                        new Column("Roles", "string", 0, TableRenderer::nodeRoles), age,
                        new Column("Version", "string", 0, o -> o.path("status").path("nodeInfo").path("kubeletVersion").asText()),
                        new Column("Internal-IP", "string", 1, TableRenderer::internalIp),
                        new Column("External-IP", "string", 1, o -> "<none>"),
                        new Column("OS-Image", "string", 1, o -> o.path("status").path("nodeInfo").path("osImage").asText()),
                        new Column("Kernel-Version", "string", 1, o -> o.path("status").path("nodeInfo").path("kernelVersion").asText()),
                        new Column("Container-Runtime", "string", 1,
                                o -> o.path("status").path("nodeInfo").path("containerRuntimeVersion").asText()));
            case "v1/pods":
                return List.of(name,
                        new Column("Ready", "string", 0, TableRenderer::podReady),
                        new Column("Status", "string", 0, TableRenderer::podStatus),
                        new Column("Restarts", "string", 0, TableRenderer::podRestarts), age,
                        new Column("IP", "string", 1, o -> o.path("status").path("podIP").asText("<none>")),
                        new Column("Node", "string", 1, o -> o.path("spec").path("nodeName").asText("<none>")),
                        new Column("Nominated Node", "string", 1, o -> "<none>"),
                        new Column("Readiness Gates", "string", 1, o -> "<none>"));
            case "apps/v1/deployments":
                return List.of(name,
                        new Column("Ready", "string", 0, o -> o.path("status").path("readyReplicas").asInt(0) + "/"
                                + o.path("spec").path("replicas").asInt(1)),
                        new Column("Up-to-date", "integer", 0, o -> o.path("status").path("updatedReplicas").asInt(0)),
                        new Column("Available", "integer", 0, o -> o.path("status").path("availableReplicas").asInt(0)), age,
                        new Column("Containers", "string", 1, o -> containers(o.path("spec").path("template"), "name")),
                        new Column("Images", "string", 1, o -> containers(o.path("spec").path("template"), "image")),
                        new Column("Selector", "string", 1, o -> selector(o.path("spec").path("selector").path("matchLabels"))));
            case "apps/v1/replicasets":
                return List.of(name,
                        new Column("Desired", "integer", 0, o -> o.path("spec").path("replicas").asInt(1)),
                        new Column("Current", "integer", 0, o -> o.path("status").path("replicas").asInt(0)),
                        new Column("Ready", "integer", 0, o -> o.path("status").path("readyReplicas").asInt(0)), age,
                        new Column("Containers", "string", 1, o -> containers(o.path("spec").path("template"), "name")),
                        new Column("Images", "string", 1, o -> containers(o.path("spec").path("template"), "image")),
                        new Column("Selector", "string", 1, o -> selector(o.path("spec").path("selector").path("matchLabels"))));
            case "v1/services":
                return List.of(name,
                        new Column("Type", "string", 0, o -> o.path("spec").path("type").asText("ClusterIP")),
                        new Column("Cluster-IP", "string", 0, o -> o.path("spec").path("clusterIP").asText("<none>")),
                        new Column("External-IP", "string", 0, o -> "<none>"),
                        new Column("Port(s)", "string", 0, TableRenderer::servicePorts), age,
                        new Column("Selector", "string", 1, o -> selector(o.path("spec").path("selector"))));
            case "v1/persistentvolumeclaims":
                return List.of(name,
                        new Column("Status", "string", 0, o -> o.path("status").path("phase").asText("Pending")),
                        new Column("Volume", "string", 0, o -> o.path("spec").path("volumeName").asText("")),
                        new Column("Capacity", "string", 0, o -> o.path("status").path("capacity").path("storage").asText("")),
                        new Column("Access Modes", "string", 0, o -> accessModes(o.path("status").path("accessModes"))),
                        new Column("StorageClass", "string", 0, o -> o.path("spec").path("storageClassName").asText("<unset>")),
                        new Column("VolumeAttributesClass", "string", 0, o -> "<unset>"), age,
                        new Column("VolumeMode", "string", 1, o -> o.path("spec").path("volumeMode").asText("Filesystem")));
            case "v1/persistentvolumes":
                return List.of(name,
                        new Column("Capacity", "string", 0, o -> o.path("spec").path("capacity").path("storage").asText("")),
                        new Column("Access Modes", "string", 0, o -> accessModes(o.path("spec").path("accessModes"))),
                        new Column("Reclaim Policy", "string", 0, o -> o.path("spec").path("persistentVolumeReclaimPolicy").asText("Delete")),
                        new Column("Status", "string", 0, o -> o.path("status").path("phase").asText("Available")),
                        new Column("Claim", "string", 0, o -> o.path("spec").path("claimRef").path("namespace").asText("") + "/"
                                + o.path("spec").path("claimRef").path("name").asText("")),
                        new Column("StorageClass", "string", 0, o -> o.path("spec").path("storageClassName").asText("")),
                        new Column("VolumeAttributesClass", "string", 0, o -> "<unset>"),
                        new Column("Reason", "string", 0, o -> ""), age);
            case "v1/namespaces":
                return List.of(name, new Column("Status", "string", 0, o -> o.path("status").path("phase").asText("Active")), age);
            case "v1/configmaps":
                return List.of(name, new Column("Data", "integer", 0, o -> o.path("data").size() + o.path("binaryData").size()), age);
            case "v1/secrets":
                return List.of(name, new Column("Type", "string", 0, o -> o.path("type").asText("Opaque")),
                        new Column("Data", "integer", 0, o -> o.path("data").size() + o.path("stringData").size()), age);
            case "storage.k8s.io/v1/storageclasses":
                return List.of(new Column("Name", "string", 0, o -> o.path("metadata").path("name").asText()
                                + ("true".equals(o.path("metadata").path("annotations")
                                .path("storageclass.kubernetes.io/is-default-class").asText()) ? " (default)" : "")),
                        new Column("Provisioner", "string", 0, o -> o.path("provisioner").asText()),
                        new Column("ReclaimPolicy", "string", 0, o -> o.path("reclaimPolicy").asText("Delete")),
                        new Column("VolumeBindingMode", "string", 0, o -> o.path("volumeBindingMode").asText("Immediate")),
                        new Column("AllowVolumeExpansion", "string", 0, o -> String.valueOf(o.path("allowVolumeExpansion").asBoolean(false))),
                        age);
            case "v1/events":
                return List.of(new Column("Last Seen", "string", 0, o -> Ages.since(o.path("lastTimestamp").asText(), now)),
                        new Column("Type", "string", 0, o -> o.path("type").asText()),
                        new Column("Reason", "string", 0, o -> o.path("reason").asText()),
                        new Column("Object", "string", 0, o -> o.path("involvedObject").path("kind").asText().toLowerCase()
                                + "/" + o.path("involvedObject").path("name").asText()),
                        new Column("Message", "string", 0, o -> o.path("message").asText()));
            case "apiextensions.k8s.io/v1/customresourcedefinitions":
                return List.of(name, new Column("Created At", "date", 0,
                        o -> o.path("metadata").path("creationTimestamp").asText()));
            default:
                return customColumns(r, name, age, now);
        }
    }

    private List<Column> customColumns(ApiResource r, Column name, Column age, Instant now) {
        if (r.printerColumns().isEmpty()) {
            return List.of(name, age);
        }
        List<Column> columns = new ArrayList<>();
        columns.add(name);
        boolean hasAge = false;
        for (ApiResource.PrinterColumn pc : r.printerColumns()) {
            boolean date = "date".equals(pc.type());
            hasAge |= ".metadata.creationTimestamp".equals(pc.jsonPath());
            columns.add(new Column(pc.name(), date ? "date" : pc.type(), pc.priority(), o -> {
                JsonNode value = JsonPaths.select(o, pc.jsonPath());
                if (value.isMissingNode() || value.isNull()) {
                    return "";
                }
                if (date) {
                    return Ages.since(value.asText(), now);
                }
                return value.isValueNode() ? (value.isNumber() ? value.numberValue() : value.asText()) : value.toString();
            }));
        }
        if (!hasAge) {
            columns.add(age);
        }
        return columns;
    }

    private static String nodeStatus(JsonNode node) {
        String ready = "Unknown";
        for (JsonNode c : node.path("status").path("conditions")) {
            if ("Ready".equals(c.path("type").asText())) {
                ready = "True".equals(c.path("status").asText()) ? "Ready" : "NotReady";
            }
        }
        return node.path("spec").path("unschedulable").asBoolean(false) ? ready + ",SchedulingDisabled" : ready;
    }

    private static String nodeRoles(JsonNode node) {
        TreeSet<String> roles = new TreeSet<>();
        Iterator<String> names = node.path("metadata").path("labels").fieldNames();
        while (names.hasNext()) {
            String label = names.next();
            if (label.startsWith("node-role.kubernetes.io/")) {
                roles.add(label.substring("node-role.kubernetes.io/".length()));
            }
        }
        return roles.isEmpty() ? "<none>" : String.join(",", roles);
    }

    private static String internalIp(JsonNode node) {
        for (JsonNode a : node.path("status").path("addresses")) {
            if ("InternalIP".equals(a.path("type").asText())) {
                return a.path("address").asText();
            }
        }
        return "<none>";
    }

    private static String podReady(JsonNode pod) {
        int total = pod.path("spec").path("containers").size();
        int ready = 0;
        for (JsonNode cs : pod.path("status").path("containerStatuses")) {
            if (cs.path("ready").asBoolean(false)) {
                ready++;
            }
        }
        return ready + "/" + total;
    }

    /** The STATUS column as kubectl computes it: a waiting or terminated reason wins over the phase. */
    static String podStatus(JsonNode pod) {
        if (pod.path("metadata").hasNonNull("deletionTimestamp")) {
            return "Terminating";
        }
        String reason = pod.path("status").path("reason").asText(pod.path("status").path("phase").asText("Pending"));
        for (JsonNode cs : pod.path("status").path("containerStatuses")) {
            JsonNode waiting = cs.path("state").path("waiting");
            JsonNode terminated = cs.path("state").path("terminated");
            if (waiting.hasNonNull("reason") && !"ContainerCreating".equals(reason)) {
                reason = waiting.path("reason").asText();
            } else if (terminated.hasNonNull("reason")) {
                reason = terminated.path("reason").asText();
            }
        }
        return reason;
    }

    private static String podRestarts(JsonNode pod) {
        int restarts = 0;
        for (JsonNode cs : pod.path("status").path("containerStatuses")) {
            restarts += cs.path("restartCount").asInt(0);
        }
        return String.valueOf(restarts);
    }

    private static String containers(JsonNode template, String field) {
        List<String> values = new ArrayList<>();
        template.path("spec").path("containers").forEach(c -> values.add(c.path(field).asText()));
        return String.join(",", values);
    }

    private static String selector(JsonNode labels) {
        if (labels.isMissingNode() || labels.isEmpty()) {
            return "<none>";
        }
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            parts.add(e.getKey() + "=" + e.getValue().asText());
        }
        return String.join(",", parts);
    }

    private static String servicePorts(JsonNode svc) {
        List<String> ports = new ArrayList<>();
        for (JsonNode p : svc.path("spec").path("ports")) {
            String port = p.path("port").asText();
            if (p.has("nodePort")) {
                port += ":" + p.path("nodePort").asText();
            }
            ports.add(port + "/" + p.path("protocol").asText("TCP"));
        }
        return ports.isEmpty() ? "<none>" : String.join(",", ports);
    }

    private static String accessModes(JsonNode modes) {
        List<String> short_ = new ArrayList<>();
        for (JsonNode m : modes) {
            short_.add(switch (m.asText()) {
                case "ReadWriteOnce" -> "RWO";
                case "ReadOnlyMany" -> "ROX";
                case "ReadWriteMany" -> "RWX";
                case "ReadWriteOncePod" -> "RWOP";
                default -> m.asText();
            });
        }
        return String.join(",", short_);
    }
}
