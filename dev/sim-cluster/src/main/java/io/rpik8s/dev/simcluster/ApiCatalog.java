package io.rpik8s.dev.simcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The resource types of the simulated API (built-in ones plus those of the stored CRDs) and the legacy
 * discovery documents kubectl and client libraries read: {@code /api}, {@code /apis}, {@code /apis/g/v}.
 */
public final class ApiCatalog {

    private static final List<ApiResource> BUILT_IN = List.of(
            ApiResource.builtIn("", "v1", "Namespace", "namespaces", false, "ns"),
            ApiResource.builtIn("", "v1", "Node", "nodes", false, "no"),
            ApiResource.builtIn("", "v1", "Pod", "pods", true, "po"),
            ApiResource.builtIn("", "v1", "Service", "services", true, "svc"),
            ApiResource.builtIn("", "v1", "Endpoints", "endpoints", true, "ep"),
            ApiResource.builtIn("", "v1", "ConfigMap", "configmaps", true, "cm"),
            ApiResource.builtIn("", "v1", "Secret", "secrets", true),
            ApiResource.builtIn("", "v1", "ServiceAccount", "serviceaccounts", true, "sa"),
            ApiResource.builtIn("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true, "pvc"),
            ApiResource.builtIn("", "v1", "PersistentVolume", "persistentvolumes", false, "pv"),
            ApiResource.builtIn("", "v1", "Event", "events", true, "ev"),
            ApiResource.builtIn("", "v1", "ResourceQuota", "resourcequotas", true, "quota"),
            ApiResource.builtIn("", "v1", "LimitRange", "limitranges", true, "limits"),
            ApiResource.builtIn("apps", "v1", "Deployment", "deployments", true, "deploy"),
            ApiResource.builtIn("apps", "v1", "ReplicaSet", "replicasets", true, "rs"),
            ApiResource.builtIn("apps", "v1", "StatefulSet", "statefulsets", true, "sts"),
            ApiResource.builtIn("apps", "v1", "DaemonSet", "daemonsets", true, "ds"),
            ApiResource.builtIn("apps", "v1", "ControllerRevision", "controllerrevisions", true),
            ApiResource.builtIn("batch", "v1", "Job", "jobs", true),
            ApiResource.builtIn("batch", "v1", "CronJob", "cronjobs", true, "cj"),
            ApiResource.builtIn("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, "hpa"),
            ApiResource.builtIn("networking.k8s.io", "v1", "Ingress", "ingresses", true, "ing"),
            ApiResource.builtIn("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, "netpol"),
            ApiResource.builtIn("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, "pdb"),
            ApiResource.builtIn("rbac.authorization.k8s.io", "v1", "Role", "roles", true),
            ApiResource.builtIn("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true),
            ApiResource.builtIn("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false),
            ApiResource.builtIn("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false),
            ApiResource.builtIn("coordination.k8s.io", "v1", "Lease", "leases", true),
            ApiResource.builtIn("storage.k8s.io", "v1", "StorageClass", "storageclasses", false, "sc"),
            ApiResource.builtIn("events.k8s.io", "v1", "Event", "events", true, "ev"),
            ApiResource.builtIn("apiextensions.k8s.io", "v1", "CustomResourceDefinition",
                    "customresourcedefinitions", false, "crd", "crds"),
            new ApiResource("metrics.k8s.io", "v1beta1", "NodeMetrics", "nodes", false, List.of(),
                    ApiResource.READ_VERBS, List.of()),
            new ApiResource("metrics.k8s.io", "v1beta1", "PodMetrics", "pods", true, List.of(),
                    ApiResource.READ_VERBS, List.of()));

    /** Subresources advertised in discovery (kubectl scale resolves the Scale kind through them). */
    private static final Map<String, List<String[]>> SUBRESOURCES = Map.of(
            "v1", List.of(new String[] {"pods/log", "Pod", "get"}, new String[] {"pods/status", "Pod", "get,patch,update"},
                    new String[] {"nodes/status", "Node", "get,patch,update"},
                    new String[] {"persistentvolumeclaims/status", "PersistentVolumeClaim", "get,patch,update"}),
            "apps/v1", List.of(new String[] {"deployments/scale", "Scale", "get,patch,update"},
                    new String[] {"deployments/status", "Deployment", "get,patch,update"},
                    new String[] {"replicasets/scale", "Scale", "get,patch,update"},
                    new String[] {"replicasets/status", "ReplicaSet", "get,patch,update"},
                    new String[] {"statefulsets/scale", "Scale", "get,patch,update"}));

    private final ObjectMapper json;
    private final Supplier<List<JsonNode>> storedCrds;
    private final String serverAddress;

    public ApiCatalog(ObjectMapper json, Supplier<List<JsonNode>> storedCrds, String serverAddress) {
        this.json = json;
        this.storedCrds = storedCrds;
        this.serverAddress = serverAddress;
    }

    public List<ApiResource> all() {
        List<ApiResource> all = new ArrayList<>(BUILT_IN);
        for (JsonNode crd : storedCrds.get()) {
            all.addAll(fromCrd(crd));
        }
        return all;
    }

    public Optional<ApiResource> find(String group, String version, String plural) {
        String g = group == null ? "" : group;
        return all().stream()
                .filter(r -> r.group().equals(g) && r.version().equals(version) && r.plural().equals(plural))
                .findFirst();
    }

    public Optional<ApiResource> findByKind(String apiVersion, String kind) {
        return all().stream().filter(r -> r.groupVersion().equals(apiVersion) && r.kind().equals(kind)).findFirst();
    }

    /** {@code /api}. */
    public ObjectNode coreVersions() {
        ObjectNode doc = json.createObjectNode();
        doc.put("kind", "APIVersions");
        doc.putArray("versions").add("v1");
        ObjectNode cidr = doc.putArray("serverAddressByClientCIDRs").addObject();
        cidr.put("clientCIDR", "0.0.0.0/0");
        cidr.put("serverAddress", serverAddress);
        return doc;
    }

    /** {@code /apis}. */
    public ObjectNode groupList() {
        ObjectNode doc = json.createObjectNode();
        doc.put("kind", "APIGroupList");
        doc.put("apiVersion", "v1");
        ArrayNode groups = doc.putArray("groups");
        for (Map.Entry<String, Set<String>> e : groupVersions().entrySet()) {
            groups.add(group(e.getKey(), e.getValue()));
        }
        return doc;
    }

    /** {@code /apis/<group>}, empty when the group is unknown. */
    public Optional<ObjectNode> group(String name) {
        Set<String> versions = groupVersions().get(name);
        return versions == null ? Optional.empty() : Optional.of(group(name, versions));
    }

    /** {@code /api/v1} or {@code /apis/<group>/<version>}, empty when unknown. */
    public Optional<ObjectNode> resourceList(String group, String version) {
        String groupVersion = group.isEmpty() ? version : group + "/" + version;
        List<ApiResource> resources = all().stream().filter(r -> r.groupVersion().equals(groupVersion)).toList();
        if (resources.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode doc = json.createObjectNode();
        doc.put("kind", "APIResourceList");
        doc.put("apiVersion", "v1");
        doc.put("groupVersion", groupVersion);
        ArrayNode list = doc.putArray("resources");
        for (ApiResource r : resources) {
            ObjectNode node = list.addObject();
            node.put("name", r.plural());
            node.put("singularName", r.singular());
            node.put("namespaced", r.namespaced());
            node.put("kind", r.kind());
            r.verbs().forEach(node.putArray("verbs")::add);
            if (!r.shortNames().isEmpty()) {
                r.shortNames().forEach(node.putArray("shortNames")::add);
            }
            if (List.of("pods", "deployments", "replicasets", "services", "statefulsets", "daemonsets", "jobs",
                    "cronjobs").contains(r.plural()) || !r.printerColumns().isEmpty()) {
                node.putArray("categories").add("all");
            }
        }
        for (String[] sub : SUBRESOURCES.getOrDefault(groupVersion, List.of())) {
            ObjectNode node = list.addObject();
            node.put("name", sub[0]);
            node.put("singularName", "");
            node.put("namespaced", !sub[0].startsWith("nodes"));
            node.put("kind", sub[1]);
            if ("Scale".equals(sub[1])) {
                node.put("group", "autoscaling");
                node.put("version", "v1");
            }
            for (String verb : sub[2].split(",")) {
                node.withArray("verbs").add(verb);
            }
        }
        return Optional.of(doc);
    }

    /**
     * {@code /openapi/v3}: the index of per-group-version documents. kubectl reads them to learn that the server
     * validates fields itself ({@code fieldValidation} on PATCH), which spares it client-side schema validation.
     */
    public ObjectNode openApiIndex() {
        ObjectNode doc = json.createObjectNode();
        ObjectNode paths = doc.putObject("paths");
        Set<String> gvs = new LinkedHashSet<>();
        all().forEach(r -> gvs.add(r.groupVersion()));
        for (String gv : gvs) {
            String key = gv.contains("/") ? "apis/" + gv : "api/" + gv;
            paths.putObject(key).put("serverRelativeURL", "/openapi/v3/" + key + "?hash=simulated");
        }
        return doc;
    }

    /** {@code /openapi/v3/apis/<group>/<version>}: operations only, no schemas (kubectl then uses its built-in ones). */
    public Optional<ObjectNode> openApi(String groupVersion) {
        List<ApiResource> resources = all().stream().filter(r -> r.groupVersion().equals(groupVersion)).toList();
        if (resources.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode doc = json.createObjectNode();
        doc.put("openapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Kubernetes (simulated)");
        info.put("version", "v1.31.6+k3s1");
        ObjectNode paths = doc.putObject("paths");
        for (ApiResource r : resources) {
            String prefix = r.group().isEmpty() ? "/api/" + r.version() : "/apis/" + r.group() + "/" + r.version();
            String path = prefix + (r.namespaced() ? "/namespaces/{namespace}/" : "/") + r.plural() + "/{name}";
            ObjectNode patch = paths.putObject(path).putObject("patch");
            patch.put("operationId", "patch" + r.kind());
            ObjectNode gvk = patch.putObject("x-kubernetes-group-version-kind");
            gvk.put("group", r.group());
            gvk.put("version", r.version());
            gvk.put("kind", r.kind());
            ArrayNode parameters = patch.putArray("parameters");
            for (String name : List.of("dryRun", "fieldManager", "fieldValidation", "force")) {
                ObjectNode p = parameters.addObject();
                p.put("name", name);
                p.put("in", "query");
                p.putObject("schema").put("type", "string");
            }
            patch.putObject("responses").putObject("200").put("description", "OK");
        }
        return Optional.of(doc);
    }

    private Map<String, Set<String>> groupVersions() {
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        for (ApiResource r : all()) {
            if (!r.group().isEmpty()) {
                groups.computeIfAbsent(r.group(), g -> new LinkedHashSet<>()).add(r.version());
            }
        }
        return groups;
    }

    private ObjectNode group(String name, Set<String> versions) {
        ObjectNode group = json.createObjectNode();
        group.put("kind", "APIGroup");
        group.put("apiVersion", "v1");
        group.put("name", name);
        ArrayNode list = group.putArray("versions");
        for (String v : versions) {
            ObjectNode gv = list.addObject();
            gv.put("groupVersion", name + "/" + v);
            gv.put("version", v);
        }
        group.set("preferredVersion", list.get(0).deepCopy());
        return group;
    }

    static List<ApiResource> fromCrd(JsonNode crd) {
        JsonNode spec = crd.path("spec");
        JsonNode names = spec.path("names");
        List<String> shortNames = new ArrayList<>();
        names.path("shortNames").forEach(n -> shortNames.add(n.asText()));
        boolean namespaced = !"Cluster".equals(spec.path("scope").asText("Namespaced"));
        List<ApiResource> result = new ArrayList<>();
        for (JsonNode version : spec.path("versions")) {
            if (!version.path("served").asBoolean(true)) {
                continue;
            }
            List<ApiResource.PrinterColumn> columns = new ArrayList<>();
            for (JsonNode c : version.path("additionalPrinterColumns")) {
                columns.add(new ApiResource.PrinterColumn(c.path("name").asText(), c.path("type").asText("string"),
                        c.path("jsonPath").asText(), c.path("description").asText(""), c.path("priority").asInt(0)));
            }
            result.add(new ApiResource(spec.path("group").asText(), version.path("name").asText(),
                    names.path("kind").asText(), names.path("plural").asText(), namespaced, List.copyOf(shortNames),
                    ApiResource.ALL_VERBS, List.copyOf(columns)));
        }
        return result;
    }
}
