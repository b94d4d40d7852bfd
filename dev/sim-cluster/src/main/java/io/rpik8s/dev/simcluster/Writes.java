package io.rpik8s.dev.simcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.zjsonpatch.JsonPatch;
import io.rpik8s.dev.simcluster.admission.Admission;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Create, update, patch (JSON, merge, strategic-merge and apply) and delete, as kube-apiserver does them: defaults
 * filled in, status kept from the controllers, {@link Admission} refusals, managedFields recorded, dry runs.
 */
final class Writes {

    /** Kinds whose status belongs to a controller: a create drops it, a main-resource update keeps the stored one. */
    private static final Set<String> CONTROLLER_STATUS = Set.of("deployments", "replicasets", "statefulsets", "daemonsets",
            "persistentvolumeclaims");
    private static final Set<String> HAS_STATUS = Set.of("pods", "nodes", "deployments", "replicasets", "statefulsets",
            "daemonsets", "persistentvolumeclaims", "persistentvolumes", "namespaces");

    /** Who a write is recorded for in managedFields, and whether it is an apply. */
    record Writer(String manager, boolean apply) {
    }

    private final ObjectMapper json;
    private final YAMLMapper yaml = new YAMLMapper();
    private final ObjectStore store;
    private final ApiCatalog catalog;
    private final Admission admission;
    private final AtomicLong clusterIps = new AtomicLong(10);

    Writes(ObjectMapper json, ObjectStore store, ApiCatalog catalog) {
        this.json = json;
        this.store = store;
        this.catalog = catalog;
        this.admission = new Admission(json,
                name -> store.read("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/" + name));
    }

    static Writer writer(Map<String, String> query, Headers headers) {
        return new Writer(ManagedFields.manager(query.get("fieldManager"), headers.header("User-Agent")), false);
    }

    /** Refuses what kube-apiserver refuses (see {@link Admission}); pruned unknown fields come back as warnings. */
    List<String> admit(ResourcePath rp, ObjectNode object, JsonNode before, Map<String, String> query)
            throws Admission.Refused {
        String kind = catalog.find(rp.group(), rp.version(), rp.plural()).map(ApiResource::kind)
                .orElse(object.path("kind").asText(rp.plural()));
        return admission.admit(rp.group(), rp.version(), rp.plural(), kind, object, before, query.get("fieldValidation"))
                .prunedFields().stream().map(f -> "unknown field \"" + f + "\"").toList();
    }

    Reply create(ResourcePath rp, Map<String, String> query, Writer writer, byte[] body) throws IOException {
        if ("tokenreviews".equals(rp.plural()) && "authentication.k8s.io".equals(rp.group())) {
            return tokenReview((ObjectNode) parse(body));
        }
        if (rp.name() != null && rp.subresource() == null && !"namespaces".equals(rp.plural())) {
            return Reply.json(405, ApiStatus.failure(json, 405, "MethodNotAllowed", "the server does not allow this method on the requested resource", null, null));
        }
        ObjectNode object = (ObjectNode) parse(body);
        if (rp.namespace() != null && !store.exists("/api/v1/namespaces/" + rp.namespace())) {
            return Reply.json(404, ApiStatus.notFound(json, "namespaces", rp.namespace()));
        }
        if (CONTROLLER_STATUS.contains(rp.plural())) {
            object.remove("status");
        }
        Defaults.apply(rp.plural(), object, clusterIps);
        if ("namespaces".equals(rp.plural()) && !object.path("status").has("phase")) {
            object.putObject("status").put("phase", "Active");
        }
        List<String> warnings;
        try {
            warnings = admit(rp, object, null, query);
        } catch (Admission.Refused e) {
            return Reply.json(e.code(), e.status());
        }
        if (!writer.apply()) {
            ManagedFields.recordUpdate(object, json.createObjectNode(), writer.manager(), "");
        }
        if (query.containsKey("dryRun")) {
            ObjectNode meta = object.with("metadata");
            meta.put("creationTimestamp", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            meta.put("uid", java.util.UUID.randomUUID().toString());
            return Reply.json(201, object);
        }
        MockResponse response = store.dispatch(HttpMethod.POST, rp.collectionPath(), object.toString());
        if (response.code() == 409) {
            return Reply.json(409, ApiStatus.alreadyExists(json, rp, object.path("metadata").path("name").asText()));
        }
        return store.reply(response, rp).warn(warnings);
    }

    /**
     * A TokenReview, answered as the API server does (201, nothing stored): the simulated cluster issues no
     * service-account tokens, so it vouches for none; a pod's sidecar is tested against the Fabric8 mock instead.
     */
    private Reply tokenReview(ObjectNode review) {
        ObjectNode status = review.putObject("status");
        status.put("authenticated", false);
        status.put("error", "the simulated cluster issues no service-account tokens");
        return Reply.json(201, review);
    }

    Reply update(ResourcePath rp, Map<String, String> query, Writer writer, byte[] body) throws IOException {
        ObjectNode object = (ObjectNode) parse(body);
        String path = rp.subresource() == null ? rp.objectPath() : rp.objectPath() + "/" + rp.subresource();
        Optional<JsonNode> current = store.read(rp.objectPath());
        List<String> warnings = List.of();
        if (rp.subresource() == null) {
            if (current.isEmpty()) {
                return Reply.json(404, ApiStatus.notFound(json, rp.qualifiedResource(), rp.name()));
            }
            if (HAS_STATUS.contains(rp.plural()) && current.get().has("status")) {
                object.set("status", current.get().get("status").deepCopy());
            }
            Defaults.carryOver(rp.plural(), object, current.get());
            Defaults.apply(rp.plural(), object, clusterIps);
            // the stored deletion mark wins over what the write says of it, as in kube-apiserver
            Finalizers.keepMark(object, current.get());
            try {
                warnings = admit(rp, object, current.get(), query);
            } catch (Admission.Refused e) {
                return Reply.json(e.code(), e.status());
            }
        }
        if (current.isPresent() && !writer.apply()) {
            ManagedFields.recordUpdate(object, current.get(), writer.manager(), rp.subresource() == null ? "" : rp.subresource());
        }
        if (query.containsKey("dryRun")) {
            return Reply.json(200, object);
        }
        Reply written = store.reply(store.dispatch(HttpMethod.PUT, path, object.toString()), rp).warn(warnings);
        return rp.subresource() == null ? answerReleased(written, object) : written;
    }

    Reply patch(ResourcePath rp, Map<String, String> query, Headers headers, byte[] body) throws IOException {
        String contentType = String.valueOf(headers.header("Content-Type"));
        boolean statusPath = "status".equals(rp.subresource());
        String path = statusPath ? rp.objectPath() + "/status" : rp.objectPath();
        boolean jsonPatch = contentType.contains("json-patch");
        JsonNode patch = parse(body);
        Optional<JsonNode> current = store.read(rp.objectPath());
        boolean apply = contentType.contains("apply-patch");
        if (apply && !ServerSideApply.validManager(query.get("fieldManager"))) {
            return Reply.json(422, ApiStatus.failure(json, 422, "Invalid",
                    "PATCH " + rp.qualifiedResource() + " \"" + rp.name() + "\" is invalid: "
                            + "metadata.managedFields.fieldManager: Required value: is required for apply patch",
                    rp.name(), rp.plural()));
        }
        if (current.isEmpty()) {
            if (apply && !statusPath) {
                ObjectNode object = (ObjectNode) patch;
                object.with("metadata").put("name", rp.name());
                ServerSideApply.recordManager(object, null, query.get("fieldManager"), "");
                return create(new ResourcePath(rp.group(), rp.version(), rp.namespace(), rp.plural(), null, null), query,
                        new Writer(query.get("fieldManager"), true), object.toString().getBytes(StandardCharsets.UTF_8));
            }
            return Reply.json(404, ApiStatus.notFound(json, rp.qualifiedResource(), rp.name()));
        }
        JsonNode merged;
        try {
            merged = jsonPatch ? JsonPatch.apply(patch, current.get())
                    : contentType.contains("merge-patch") ? Patches.mergePatch(current.get(), patch)
                    : Patches.strategicMergePatch(current.get(), patch);
        } catch (RuntimeException e) {
            return Reply.json(422, ApiStatus.failure(json, 422, "Invalid", "the patch cannot be applied: " + e.getMessage(),
                    rp.name(), rp.plural()));
        }
        ObjectNode result = (ObjectNode) merged;
        if (!jsonPatch && !patch.path("metadata").has("resourceVersion")) {
            result.with("metadata").put("resourceVersion", current.get().path("metadata").path("resourceVersion").asText());
        }
        if (apply) {
            ServerSideApply.recordManager(result, current.get(), query.get("fieldManager"), statusPath ? "status" : "");
        } else {
            ManagedFields.recordUpdate(result, current.get(), writer(query, headers).manager(), statusPath ? "status" : "");
        }
        List<String> warnings = List.of();
        if (!statusPath) {
            if (HAS_STATUS.contains(rp.plural()) && current.get().has("status")) {
                result.set("status", current.get().get("status").deepCopy());
            }
            Defaults.apply(rp.plural(), result, clusterIps);
            // the stored deletion mark wins over what the write says of it, as in kube-apiserver
            Finalizers.keepMark(result, current.get());
            try {
                warnings = admit(rp, result, current.get(), query);
            } catch (Admission.Refused e) {
                return Reply.json(e.code(), e.status());
            }
        }
        if (query.containsKey("dryRun")) {
            return Reply.json(200, result);
        }
        Reply written = store.reply(store.dispatch(HttpMethod.PUT, path, result.toString()), rp).warn(warnings);
        return statusPath ? written : answerReleased(written, result);
    }

    /**
     * The store deletes an object being deleted once a write removes its last finalizer, and answers with no body;
     * kube-apiserver answers with the object as written (the Java Operator SDK caches that answer).
     */
    private static Reply answerReleased(Reply reply, ObjectNode written) {
        boolean released = reply.code() == 200 && (reply.body() == null || reply.body().isEmpty())
                && Finalizers.released(written);
        return released ? new Reply(200, Reply.JSON_TYPE, written.toString(), reply.warnings()) : reply;
    }

    Reply delete(String uri, String path, ResourcePath rp, Map<String, String> query) {
        if (query.containsKey("dryRun")) {
            return store.read(rp.objectPath()).map(n -> Reply.json(200, n))
                    .orElse(Reply.json(404, ApiStatus.notFound(json, rp.qualifiedResource(), rp.name())));
        }
        String storePath = path;
        if (query.containsKey("labelSelector")) {
            storePath += "?labelSelector=" + java.net.URLEncoder.encode(query.get("labelSelector"), StandardCharsets.UTF_8);
        }
        MockResponse response = store.dispatch(HttpMethod.DELETE, storePath, null);
        if (response.code() == 404) {
            return Reply.json(404, ApiStatus.notFound(json, rp.qualifiedResource(), rp.name()));
        }
        String body = ObjectStore.bodyOf(response);
        if (rp.name() == null) {
            ObjectNode status = json.createObjectNode();
            status.put("kind", "Status");
            status.put("apiVersion", "v1");
            status.put("status", "Success");
            return Reply.json(200, status);
        }
        return new Reply(200, Reply.JSON_TYPE, body);
    }

    /** A request body, JSON or YAML as kubectl sends either. */
    JsonNode parse(byte[] body) throws IOException {
        String text = new String(body, StandardCharsets.UTF_8).trim();
        return text.startsWith("{") || text.startsWith("[") ? json.readTree(text) : yaml.readTree(text);
    }
}
