package io.rpik8s.dev.simcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.fabric8.mockwebserver.vertx.ServerWebSocketHandler;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated cluster's Kubernetes API: the Fabric8 mock server's CRUD store behind a Vert.x HTTP server that
 * adds what kubectl and real clients need and the mock lacks: discovery, {@code /version}, Table responses,
 * strategic-merge / merge / apply patches, the scale subresource, HTTP streaming watches, pod logs, Status
 * error bodies and {@code metrics.k8s.io}. Every response carries {@code X-Rpi-K8s-Simulated: true}.
 */
public final class SimulatedApiServer implements AutoCloseable {

    public static final String SIMULATED_HEADER = "X-Rpi-K8s-Simulated";
    public static final String KUBERNETES_VERSION = "v1.31.6+k3s1";
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedApiServer.class);
    private static final String JSON_TYPE = "application/json";
    /** Kinds whose status belongs to a controller: a create drops it, a main-resource update keeps the stored one. */
    private static final Set<String> CONTROLLER_STATUS = Set.of("deployments", "replicasets", "statefulsets", "daemonsets",
            "persistentvolumeclaims");
    private static final Set<String> HAS_STATUS = Set.of("pods", "nodes", "deployments", "replicasets", "statefulsets",
            "daemonsets", "persistentvolumeclaims", "persistentvolumes", "namespaces");

    private final ObjectMapper json = new ObjectMapper();
    private final YAMLMapper yaml = new YAMLMapper();
    private final KubernetesCrudDispatcher store = new KubernetesCrudDispatcher();
    private final TableRenderer tables = new TableRenderer(json);
    private final MetricsApi metrics = new MetricsApi(json);
    private final AtomicLong clusterIps = new AtomicLong(10);
    private Vertx vertx;
    private HttpServer server;
    private ApiCatalog catalog;
    private int port;

    /** Starts on 127.0.0.1, on {@code preferredPort} if free; returns the port. */
    public int start(int preferredPort) {
        port = Loopback.preferred(preferredPort);
        catalog = new ApiCatalog(json, this::storedCrds, "127.0.0.1:" + port);
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(8)
                .setBlockedThreadCheckInterval(10).setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS));
        listen();
        return port;
    }

    private void listen() {
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port)
                .setWebSocketSubProtocols(List.of("v4.channel.k8s.io", "v3.channel.k8s.io", "v2.channel.k8s.io",
                        "channel.k8s.io")));
        server.requestHandler(this::handle);
        server.listen().toCompletionStage().toCompletableFuture().join();
    }

    /**
     * Takes the API down as a crashed or unreachable API server would be: the port refuses connections and every
     * open connection (watches included) is cut. The stored objects are kept for {@link #comeBack()}.
     */
    public synchronized void goDown() {
        server.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Serves again on the same port, with the objects stored before {@link #goDown()}. */
    public synchronized void comeBack() {
        listen();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public ApiCatalog catalog() {
        return catalog;
    }

    /** The object store, for {@link ClusterState} to save and restore. */
    KubernetesCrudDispatcher store() {
        return store;
    }

    @Override
    public void close() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
            vertx = null;
        }
    }

    // ---------------------------------------------------------------- request handling

    private record Reply(int code, String contentType, String body) {
        static Reply json(int code, JsonNode body) {
            return new Reply(code, JSON_TYPE, body.toString());
        }
    }

    private void handle(HttpServerRequest req) {
        String contentLength = req.getHeader("Content-Length");
        boolean hasBody = req.getHeader("Content-Type") != null
                || (contentLength != null && !contentLength.isBlank() && Long.parseLong(contentLength.trim()) > 0)
                || "chunked".equalsIgnoreCase(req.getHeader("Transfer-Encoding"));
        if (!hasBody) {
            // No body to read: reading one anyway would consume the request and break WebSocket upgrades.
            handle(req, new byte[0]);
            return;
        }
        req.body().onSuccess(buffer -> handle(req, buffer == null ? new byte[0] : buffer.getBytes()));
    }

    private void handle(HttpServerRequest req, byte[] body) {
        String uri = req.uri();
        Map<String, String> query = query(uri);
        String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        try {
            if (req.method() == io.vertx.core.http.HttpMethod.GET && isTrue(query.get("watch"))) {
                watch(req, uri, path, query);
                return;
            }
            if (req.method() == io.vertx.core.http.HttpMethod.GET && path.endsWith("/log") && isTrue(query.get("follow"))) {
                followLogs(req, path, query);
                return;
            }
        } catch (RuntimeException e) {
            LOG.debug("Simulated API failed on {} {}", req.method(), uri, e);
            write(req.response(), Reply.json(500, ApiStatus.failure(json, 500, "InternalError", String.valueOf(e.getMessage()), null, null)));
            return;
        }
        Headers headers = Headers.builder().addAll(req.headers()).build();
        HttpMethod method = HttpMethod.valueOf(req.method().name());
        vertx.executeBlocking(() -> route(method, uri, path, query, headers, body), false)
                .onSuccess(reply -> write(req.response(), reply))
                .onFailure(e -> {
                    LOG.debug("Simulated API failed on {} {}", method, uri, e);
                    write(req.response(), Reply.json(500,
                            ApiStatus.failure(json, 500, "InternalError", String.valueOf(e.getMessage()), null, null)));
                });
    }

    private void write(HttpServerResponse response, Reply reply) {
        if (response.closed() || response.ended()) {
            return;
        }
        response.setStatusCode(reply.code());
        response.putHeader(SIMULATED_HEADER, "true");
        if (reply.body() == null || reply.body().isEmpty()) {
            response.end();
            return;
        }
        response.putHeader("Content-Type", reply.contentType());
        response.end(reply.body());
    }

    private Reply route(HttpMethod method, String uri, String path, Map<String, String> query, Headers headers, byte[] body)
            throws IOException {
        if (method == HttpMethod.GET) {
            Optional<Reply> fixed = fixedPaths(path, query);
            if (fixed.isPresent()) {
                return fixed.get();
            }
        }
        Optional<ResourcePath> parsed = ResourcePath.parse(path);
        if (parsed.isEmpty()) {
            return Reply.json(404, ApiStatus.failure(json, 404, "NotFound", "the server could not find the requested resource",
                    null, null));
        }
        ResourcePath rp = parsed.get();
        if ("scale".equals(rp.subresource())) {
            return scale(method, rp, headers, body);
        }
        if ("log".equals(rp.subresource()) && "pods".equals(rp.plural())) {
            return logs(rp, query);
        }
        return switch (method) {
            case GET -> get(uri, rp, query, headers);
            case POST -> create(rp, query, body);
            case PUT -> update(rp, query, body);
            case PATCH -> patch(rp, query, headers, body);
            case DELETE -> delete(uri, path, rp, query);
            default -> Reply.json(405, ApiStatus.failure(json, 405, "MethodNotAllowed", "method not allowed", null, null));
        };
    }

    private Optional<Reply> fixedPaths(String path, Map<String, String> query) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        switch (p) {
            case "/version":
                return Optional.of(Reply.json(200, version()));
            case "/healthz", "/livez", "/readyz":
                return Optional.of(new Reply(200, "text/plain", "ok"));
            case "/api":
                return Optional.of(Reply.json(200, catalog.coreVersions()));
            case "/apis":
                return Optional.of(Reply.json(200, catalog.groupList()));
            case "/":
                ObjectNode paths = json.createObjectNode();
                ArrayNode list = paths.putArray("paths");
                List.of("/api", "/api/v1", "/apis", "/healthz", "/livez", "/readyz", "/version").forEach(list::add);
                return Optional.of(Reply.json(200, paths));
            default:
                break;
        }
        if ("/openapi/v3".equals(p)) {
            return Optional.of(Reply.json(200, catalog.openApiIndex()));
        }
        if (p.startsWith("/openapi/v3/")) {
            String gv = p.substring("/openapi/v3/".length()).replaceFirst("^apis?/", "");
            return Optional.of(catalog.openApi(gv).map(d -> Reply.json(200, d)).orElse(notFoundPlain()));
        }
        if (p.startsWith("/openapi")) {
            return Optional.of(Reply.json(404, ApiStatus.failure(json, 404, "NotFound",
                    "the simulated cluster does not serve OpenAPI documents", null, null)));
        }
        String[] s = p.substring(1).split("/");
        if (s.length == 2 && "api".equals(s[0])) {
            return Optional.of(catalog.resourceList("", s[1]).map(d -> Reply.json(200, d)).orElse(notFoundPlain()));
        }
        if (s.length == 2 && "apis".equals(s[0])) {
            return Optional.of(catalog.group(s[1]).map(d -> Reply.json(200, d)).orElse(notFoundPlain()));
        }
        if (s.length == 3 && "apis".equals(s[0])) {
            return Optional.of(catalog.resourceList(s[1], s[2]).map(d -> Reply.json(200, d)).orElse(notFoundPlain()));
        }
        if (s.length >= 3 && "apis".equals(s[0]) && "metrics.k8s.io".equals(s[1])) {
            return Optional.of(metricsRequest(ResourcePath.parse(p).orElse(null)));
        }
        return Optional.empty();
    }

    private Reply notFoundPlain() {
        return Reply.json(404, ApiStatus.failure(json, 404, "NotFound", "the server could not find the requested resource",
                null, null));
    }

    private ObjectNode version() {
        ObjectNode v = json.createObjectNode();
        v.put("major", "1");
        v.put("minor", "31");
        v.put("gitVersion", KUBERNETES_VERSION);
        v.put("gitCommit", "0000000000000000000000000000000000simulated");
        v.put("gitTreeState", "clean");
        v.put("buildDate", "2026-01-01T00:00:00Z");
        v.put("goVersion", "go1.22.12");
        v.put("compiler", "gc");
        v.put("platform", "linux/arm64");
        v.put("simulated", true);
        v.put("note", "rpi-k8s-platform local run: SIMULATED k3s cluster (Fabric8 mock server), not real hardware");
        return v;
    }

    // ---------------------------------------------------------------- CRUD

    private Reply get(String uri, ResourcePath rp, Map<String, String> query, Headers headers) throws IOException {
        MockResponse response = store.dispatch(request(HttpMethod.GET, storePath(uri, rp), null));
        String body = bodyOf(response);
        if (response.code() == 404 || (rp.name() != null && body.isEmpty())) {
            return Reply.json(404, ApiStatus.notFound(json, rp.qualifiedResource(), rp.name()));
        }
        JsonNode node = json.readTree(body);
        Optional<ApiResource> resource = catalog.find(rp.group(), rp.version(), rp.plural());
        if (node.has("items") && node instanceof ObjectNode list) {
            resource.ifPresent(r -> {
                list.put("kind", r.kind() + "List");
                list.put("apiVersion", r.groupVersion());
            });
            ((ObjectNode) list.with("metadata")).remove("selfLink");
        }
        String accept = String.valueOf(headers.header("Accept"));
        if (accept.contains("as=Table") && resource.isPresent()) {
            return Reply.json(200, tables.render(resource.get(), node, query.get("includeObject"), true));
        }
        return Reply.json(200, node);
    }

    private Reply create(ResourcePath rp, Map<String, String> query, byte[] body) throws IOException {
        if ("tokenreviews".equals(rp.plural()) && "authentication.k8s.io".equals(rp.group())) {
            return tokenReview((ObjectNode) parse(body));
        }
        if (rp.name() != null && rp.subresource() == null && !"namespaces".equals(rp.plural())) {
            return Reply.json(405, ApiStatus.failure(json, 405, "MethodNotAllowed", "the server does not allow this method on the requested resource", null, null));
        }
        ObjectNode object = (ObjectNode) parse(body);
        if (rp.namespace() != null && !exists("/api/v1/namespaces/" + rp.namespace())) {
            return Reply.json(404, ApiStatus.notFound(json, "namespaces", rp.namespace()));
        }
        if (CONTROLLER_STATUS.contains(rp.plural())) {
            object.remove("status");
        }
        Defaults.apply(rp.plural(), object, clusterIps);
        if ("namespaces".equals(rp.plural()) && !object.path("status").has("phase")) {
            object.putObject("status").put("phase", "Active");
        }
        if (query.containsKey("dryRun")) {
            ObjectNode meta = object.with("metadata");
            meta.put("creationTimestamp", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            meta.put("uid", java.util.UUID.randomUUID().toString());
            return Reply.json(201, object);
        }
        MockResponse response = store.dispatch(request(HttpMethod.POST, rp.collectionPath(), object.toString()));
        return fromStore(response, rp);
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

    private Reply update(ResourcePath rp, Map<String, String> query, byte[] body) throws IOException {
        ObjectNode object = (ObjectNode) parse(body);
        String path = rp.subresource() == null ? rp.objectPath() : rp.objectPath() + "/" + rp.subresource();
        if (rp.subresource() == null) {
            Optional<JsonNode> current = read(rp.objectPath());
            if (current.isEmpty()) {
                return Reply.json(404, ApiStatus.notFound(json, rp.qualifiedResource(), rp.name()));
            }
            if (HAS_STATUS.contains(rp.plural()) && current.get().has("status")) {
                object.set("status", current.get().get("status").deepCopy());
            }
            Defaults.apply(rp.plural(), object, clusterIps);
        }
        if (query.containsKey("dryRun")) {
            return Reply.json(200, object);
        }
        return fromStore(store.dispatch(request(HttpMethod.PUT, path, object.toString())), rp);
    }

    private Reply patch(ResourcePath rp, Map<String, String> query, Headers headers, byte[] body) throws IOException {
        String contentType = String.valueOf(headers.header("Content-Type"));
        boolean statusPath = "status".equals(rp.subresource());
        String path = statusPath ? rp.objectPath() + "/status" : rp.objectPath();
        if (contentType.contains("json-patch")) {
            return fromStore(store.dispatch(request(HttpMethod.PATCH, path, new String(body, StandardCharsets.UTF_8),
                    contentType)), rp);
        }
        JsonNode patch = parse(body);
        Optional<JsonNode> current = read(rp.objectPath());
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
                        object.toString().getBytes(StandardCharsets.UTF_8));
            }
            return Reply.json(404, ApiStatus.notFound(json, rp.qualifiedResource(), rp.name()));
        }
        JsonNode merged = contentType.contains("merge-patch")
                ? Patches.mergePatch(current.get(), patch)
                : Patches.strategicMergePatch(current.get(), patch);
        ObjectNode result = (ObjectNode) merged;
        if (!patch.path("metadata").has("resourceVersion")) {
            result.with("metadata").put("resourceVersion", current.get().path("metadata").path("resourceVersion").asText());
        }
        if (apply) {
            ServerSideApply.recordManager(result, current.get(), query.get("fieldManager"), statusPath ? "status" : "");
        }
        if (!statusPath) {
            if (HAS_STATUS.contains(rp.plural()) && current.get().has("status")) {
                result.set("status", current.get().get("status").deepCopy());
            }
            Defaults.apply(rp.plural(), result, clusterIps);
        }
        if (query.containsKey("dryRun")) {
            return Reply.json(200, result);
        }
        return fromStore(store.dispatch(request(HttpMethod.PUT, path, result.toString())), rp);
    }

    private Reply delete(String uri, String path, ResourcePath rp, Map<String, String> query) {
        if (query.containsKey("dryRun")) {
            return read(rp.objectPath()).map(n -> Reply.json(200, n))
                    .orElse(Reply.json(404, ApiStatus.notFound(json, rp.qualifiedResource(), rp.name())));
        }
        String storePath = path;
        if (query.containsKey("labelSelector")) {
            storePath += "?labelSelector=" + java.net.URLEncoder.encode(query.get("labelSelector"), StandardCharsets.UTF_8);
        }
        MockResponse response = store.dispatch(request(HttpMethod.DELETE, storePath, null));
        if (response.code() == 404) {
            return Reply.json(404, ApiStatus.notFound(json, rp.qualifiedResource(), rp.name()));
        }
        String body = bodyOf(response);
        if (rp.name() == null) {
            ObjectNode status = json.createObjectNode();
            status.put("kind", "Status");
            status.put("apiVersion", "v1");
            status.put("status", "Success");
            return Reply.json(200, status);
        }
        return new Reply(200, JSON_TYPE, body);
    }

    private Reply fromStore(MockResponse response, ResourcePath rp) {
        String body = bodyOf(response);
        int code = response.code() == 202 ? 200 : response.code();
        if (code == 404 && body.isEmpty()) {
            return Reply.json(404, ApiStatus.notFound(json, rp.qualifiedResource(), rp.name()));
        }
        if (code == 415) {
            return Reply.json(415, ApiStatus.failure(json, 415, "UnsupportedMediaType", "unsupported media type", null, null));
        }
        return new Reply(code, JSON_TYPE, body);
    }

    // ---------------------------------------------------------------- scale

    private Reply scale(HttpMethod method, ResourcePath rp, Headers headers, byte[] body) throws IOException {
        Optional<JsonNode> current = read(rp.objectPath());
        if (current.isEmpty()) {
            return Reply.json(404, ApiStatus.notFound(json, rp.qualifiedResource(), rp.name()));
        }
        ObjectNode object = (ObjectNode) current.get();
        if (method == HttpMethod.PUT || method == HttpMethod.PATCH) {
            JsonNode change = parse(body);
            JsonNode scale = method == HttpMethod.PUT ? change : Patches.mergePatch(toScale(object), change);
            object.with("spec").put("replicas", scale.path("spec").path("replicas").asInt(object.path("spec").path("replicas").asInt(1)));
            MockResponse response = store.dispatch(request(HttpMethod.PUT, rp.objectPath(), object.toString()));
            if (response.code() >= 300) {
                return fromStore(response, rp);
            }
            object = (ObjectNode) json.readTree(bodyOf(response));
        } else if (method != HttpMethod.GET) {
            return Reply.json(405, ApiStatus.failure(json, 405, "MethodNotAllowed", "method not allowed", null, null));
        }
        return Reply.json(200, toScale(object));
    }

    private ObjectNode toScale(JsonNode object) {
        ObjectNode scale = json.createObjectNode();
        scale.put("kind", "Scale");
        scale.put("apiVersion", "autoscaling/v1");
        ObjectNode meta = scale.putObject("metadata");
        for (String f : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            meta.set(f, object.path("metadata").path(f).deepCopy());
        }
        scale.putObject("spec").put("replicas", object.path("spec").path("replicas").asInt(1));
        ObjectNode status = scale.putObject("status");
        status.put("replicas", object.path("status").path("replicas").asInt(0));
        List<String> selector = new ArrayList<>();
        object.path("spec").path("selector").path("matchLabels").fields()
                .forEachRemaining(e -> selector.add(e.getKey() + "=" + e.getValue().asText()));
        status.put("selector", String.join(",", selector));
        return scale;
    }

    // ---------------------------------------------------------------- watch

    private void watch(HttpServerRequest req, String uri, String path, Map<String, String> query) {
        Optional<ResourcePath> rp = ResourcePath.parse(path);
        String storeUri = uri;
        if (rp.isPresent() && rp.get().name() != null) {
            // /api/v1/namespaces/ns/pods/name?watch=true is a watch on one object.
            storeUri = rp.get().collectionPath() + "?watch=true&fieldSelector=metadata.name%3D" + rp.get().name();
        }
        RecordedRequest recorded = request(HttpMethod.GET, storeUri, null);
        MockResponse response = store.handleWatch(storeUri);
        WebSocketListener listener = response.getWebSocketListener();
        if ("websocket".equalsIgnoreCase(req.getHeader("Upgrade"))) {
            req.toWebSocket().onSuccess(new ServerWebSocketHandler(recorded, response));
            return;
        }
        long sinceVersion = parseLong(query.get("resourceVersion"));
        Optional<ApiResource> resource = rp.flatMap(r -> catalog.find(r.group(), r.version(), r.plural()));
        boolean asTable = String.valueOf(req.getHeader("Accept")).contains("as=Table") && resource.isPresent();
        AtomicBoolean first = new AtomicBoolean(true);
        HttpServerResponse http = req.response();
        http.setChunked(true);
        http.putHeader("Content-Type", JSON_TYPE);
        http.putHeader(SIMULATED_HEADER, "true");
        http.setStatusCode(200);
        http.write("");
        Context context = vertx.getOrCreateContext();
        HttpWatchStream stream = new HttpWatchStream(recorded, http, context, event -> {
            try {
                ObjectNode e = (ObjectNode) json.readTree(event);
                long rv = parseLong(e.path("object").path("metadata").path("resourceVersion").asText());
                if ("ADDED".equals(e.path("type").asText()) && sinceVersion > 0 && rv > 0 && rv <= sinceVersion) {
                    return null;
                }
                if (asTable) {
                    e.set("object", tables.render(resource.get(), e.get("object"), query.get("includeObject"),
                            first.getAndSet(false)));
                }
                return e.toString();
            } catch (IOException ex) {
                return null;
            }
        });
        Runnable close = () -> vertx.executeBlocking(() -> {
            listener.onClosed(stream, 1000, "closed");
            return null;
        }, false);
        http.closeHandler(v -> close.run());
        long timeout = parseLong(query.get("timeoutSeconds"));
        if (timeout > 0) {
            vertx.setTimer(timeout * 1000, t -> {
                stream.close(1000, "timeout");
                close.run();
            });
        }
        vertx.executeBlocking(() -> {
            listener.onOpen(stream, response);
            return null;
        }, false);
    }

    // ---------------------------------------------------------------- logs

    private Reply logs(ResourcePath rp, Map<String, String> query) {
        Optional<JsonNode> pod = read(rp.objectPath());
        if (pod.isEmpty()) {
            return Reply.json(404, ApiStatus.notFound(json, "pods", rp.name()));
        }
        String container = query.getOrDefault("container", PodLogs.defaultContainer(pod.get()));
        if (PodLogs.image(pod.get(), container).isEmpty()) {
            return Reply.json(400, ApiStatus.badRequest(json, "container " + container + " is not valid for pod " + rp.name()));
        }
        String waiting = PodLogs.notStartedReason(pod.get(), container);
        if (waiting != null) {
            return Reply.json(400, ApiStatus.badRequest(json, waiting));
        }
        List<String> lines = PodLogs.history(pod.get(), container, Instant.now(), parseTail(query),
                isTrue(query.get("timestamps")));
        return new Reply(200, "text/plain", lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
    }

    private void followLogs(HttpServerRequest req, String path, Map<String, String> query) {
        vertx.executeBlocking(() -> {
            ResourcePath rp = ResourcePath.parse(path).orElseThrow();
            Reply first = logs(rp, query);
            return Map.entry(rp, first);
        }, false).onSuccess(entry -> {
            ResourcePath rp = entry.getKey();
            Reply first = entry.getValue();
            if (first.code() != 200) {
                write(req.response(), first);
                return;
            }
            HttpServerResponse http = req.response();
            http.setChunked(true);
            http.putHeader("Content-Type", "text/plain");
            http.putHeader(SIMULATED_HEADER, "true");
            http.write(first.body());
            Optional<JsonNode> pod = read(rp.objectPath());
            if (pod.isEmpty()) {
                http.end();
                return;
            }
            String container = query.getOrDefault("container", PodLogs.defaultContainer(pod.get()));
            boolean timestamps = isTrue(query.get("timestamps"));
            AtomicLong index = new AtomicLong(PodLogs.history(pod.get(), container, Instant.now(), -1, false).size());
            long timer = vertx.setPeriodic(1000, id -> {
                if (http.closed() || http.ended()) {
                    vertx.cancelTimer(id);
                    return;
                }
                http.write(PodLogs.line(pod.get(), container, index.getAndIncrement(), Instant.now(), timestamps) + "\n");
            });
            http.closeHandler(v -> vertx.cancelTimer(timer));
        });
    }

    // ---------------------------------------------------------------- metrics.k8s.io

    private Reply metricsRequest(ResourcePath rp) {
        if (rp == null) {
            return Reply.json(404, ApiStatus.failure(json, 404, "NotFound", "not found", null, null));
        }
        Instant now = Instant.now();
        List<JsonNode> pods = items("/api/v1/pods").stream()
                .filter(p -> "Running".equals(p.path("status").path("phase").asText()))
                .toList();
        if ("nodes".equals(rp.plural())) {
            List<ObjectNode> result = new ArrayList<>();
            for (JsonNode node : items("/api/v1/nodes")) {
                String name = node.path("metadata").path("name").asText();
                if (rp.name() == null || rp.name().equals(name)) {
                    result.add(metrics.nodeMetrics(node, pods.stream()
                            .filter(p -> name.equals(p.path("spec").path("nodeName").asText())).toList(), now));
                }
            }
            if (rp.name() != null) {
                return result.isEmpty() ? Reply.json(404, ApiStatus.notFound(json, "nodes.metrics.k8s.io", rp.name()))
                        : Reply.json(200, result.get(0));
            }
            return Reply.json(200, metrics.list("NodeMetricsList", result));
        }
        List<ObjectNode> result = new ArrayList<>();
        for (JsonNode pod : pods) {
            if ((rp.namespace() == null || rp.namespace().equals(pod.path("metadata").path("namespace").asText()))
                    && (rp.name() == null || rp.name().equals(pod.path("metadata").path("name").asText()))) {
                result.add(metrics.podMetrics(pod, now));
            }
        }
        if (rp.name() != null) {
            return result.isEmpty() ? Reply.json(404, ApiStatus.notFound(json, "pods.metrics.k8s.io", rp.name()))
                    : Reply.json(200, result.get(0));
        }
        return Reply.json(200, metrics.list("PodMetricsList", result));
    }

    // ---------------------------------------------------------------- store helpers

    private List<JsonNode> storedCrds() {
        return items("/apis/apiextensions.k8s.io/v1/customresourcedefinitions");
    }

    private List<JsonNode> items(String path) {
        MockResponse response = store.handleGet(path);
        List<JsonNode> items = new ArrayList<>();
        try {
            json.readTree(bodyOf(response)).path("items").forEach(items::add);
        } catch (IOException e) {
            LOG.debug("Unreadable list {}", path, e);
        }
        return items;
    }

    private Optional<JsonNode> read(String path) {
        MockResponse response = store.handleGet(path);
        String body = bodyOf(response);
        if (response.code() != 200 || body.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode node = json.readTree(body);
            return node.has("items") ? Optional.empty() : Optional.of(node);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private boolean exists(String path) {
        return read(path).isPresent();
    }

    private JsonNode parse(byte[] body) throws IOException {
        String text = new String(body, StandardCharsets.UTF_8).trim();
        return text.startsWith("{") || text.startsWith("[") ? json.readTree(text) : yaml.readTree(text);
    }

    private static String storePath(String uri, ResourcePath rp) {
        // The mock ignores query parameters other than label and field selectors; limit/continue are dropped.
        return uri;
    }

    private static RecordedRequest request(HttpMethod method, String path, String body) {
        return request(method, path, body, JSON_TYPE);
    }

    private static RecordedRequest request(HttpMethod method, String path, String body, String contentType) {
        Headers.Builder headers = Headers.builder();
        if (body != null) {
            headers.add("Content-Type", contentType);
        }
        return new RecordedRequest("HTTP/1.1", method, path, headers.build(),
                new Buffer(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String bodyOf(MockResponse response) {
        return response.getBody() == null ? "" : new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(String uri) {
        Map<String, String> params = new LinkedHashMap<>();
        int q = uri.indexOf('?');
        if (q < 0) {
            return params;
        }
        for (String pair : uri.substring(q + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    private static boolean isTrue(String value) {
        return "true".equalsIgnoreCase(value) || "1".equals(value);
    }

    private static long parseTail(Map<String, String> query) {
        long tail = parseLong(query.get("tailLines"));
        return query.containsKey("tailLines") ? tail : -1;
    }

    private static long parseLong(String value) {
        try {
            return value == null || value.isEmpty() ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
