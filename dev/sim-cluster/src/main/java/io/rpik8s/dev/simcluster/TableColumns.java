package io.rpik8s.dev.simcluster;

import static io.rpik8s.dev.simcluster.TableCells.accessModes;
import static io.rpik8s.dev.simcluster.TableCells.containers;
import static io.rpik8s.dev.simcluster.TableCells.selector;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The columns of a {@code kubectl get} Table per kind, as kube-apiserver's printers define them. */
final class TableColumns {

    /** One column: its definition and how to compute its cell from an object. */
    record Column(String name, String type, int priority, Function<JsonNode, Object> cell) {
    }

    private TableColumns() {
    }

    /** The columns kubectl prints for {@code r}: the built-in kinds' own, a CRD's printer columns, else Name and Age. */
    static List<Column> forResource(ApiResource r, Instant now) {
        Column name = new Column("Name", "string", 0, o -> o.path("metadata").path("name").asText());
        Column age = new Column("Age", "string", 0, o -> Ages.since(o.path("metadata").path("creationTimestamp").asText(), now));
        switch (r.groupVersion() + "/" + r.plural()) {
            case "v1/nodes":
                return List.of(name,
                        new Column("Status", "string", 0, TableCells::nodeStatus),
                        new Column("Roles", "string", 0, TableCells::nodeRoles), age,
                        new Column("Version", "string", 0, o -> o.path("status").path("nodeInfo").path("kubeletVersion").asText()),
                        new Column("Internal-IP", "string", 1, TableCells::internalIp),
                        new Column("External-IP", "string", 1, o -> "<none>"),
                        new Column("OS-Image", "string", 1, o -> o.path("status").path("nodeInfo").path("osImage").asText()),
                        new Column("Kernel-Version", "string", 1, o -> o.path("status").path("nodeInfo").path("kernelVersion").asText()),
                        new Column("Container-Runtime", "string", 1,
                                o -> o.path("status").path("nodeInfo").path("containerRuntimeVersion").asText()));
            case "v1/pods":
                return List.of(name,
                        new Column("Ready", "string", 0, TableCells::podReady),
                        new Column("Status", "string", 0, TableCells::podStatus),
                        new Column("Restarts", "string", 0, TableCells::podRestarts), age,
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
                        new Column("Port(s)", "string", 0, TableCells::servicePorts), age,
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

    private static List<Column> customColumns(ApiResource r, Column name, Column age, Instant now) {
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
}
