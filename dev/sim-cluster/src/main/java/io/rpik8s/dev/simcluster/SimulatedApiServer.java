package io.rpik8s.dev.simcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Headers;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated cluster's Kubernetes API: the Fabric8 mock server's CRUD store behind a Vert.x HTTP server that
 * adds what kubectl and real clients need and the mock lacks: discovery, {@code /version}, Table responses,
 * strategic-merge / merge / apply patches, the scale subresource, HTTP streaming watches, pod logs, Status
 * error bodies and {@code metrics.k8s.io}. Every response carries {@code X-Rpi-K8s-Simulated: true}. This class
 * serves HTTP and routes each request to the class that answers it ({@link Reads}, {@link Writes}, {@link Scales},
 * {@link Watches}, {@link PodLogRequests}).
 */
public final class SimulatedApiServer implements AutoCloseable {

    public static final String SIMULATED_HEADER = "X-Rpi-K8s-Simulated";
    public static final String KUBERNETES_VERSION = "v1.31.6+k3s1";
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedApiServer.class);
    /** A bound on the retries of one write, so that a controller writing in a loop cannot hang a request. */
    private static final int MAX_CONFLICT_RETRIES = 200;

    private final ObjectMapper json = new ObjectMapper();
    private final ObjectStore store = new ObjectStore(json);
    private final RequestLog requests = new RequestLog();
    private Vertx vertx;
    private HttpServer server;
    private ApiCatalog catalog;
    private Reads reads;
    private Writes writes;
    private Scales scales;
    private Watches watches;
    private PodLogRequests logs;
    private int port;

    /** Starts on 127.0.0.1, on {@code preferredPort} if free; returns the port. */
    public int start(int preferredPort) {
        port = Loopback.preferred(preferredPort);
        catalog = new ApiCatalog(json, store::customResourceDefinitions, "127.0.0.1:" + port);
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(8)
                .setBlockedThreadCheckInterval(10).setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS));
        TableRenderer tables = new TableRenderer(json);
        reads = new Reads(json, store, catalog, tables, new MetricsApi(json, store));
        writes = new Writes(json, store, catalog);
        scales = new Scales(json, store, writes);
        watches = new Watches(json, vertx, store, catalog, tables);
        logs = new PodLogRequests(json, vertx, store);
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

    /** The requests received so far, for tests that count what an operation costs the API server. */
    public RequestLog requests() {
        return requests;
    }

    /** The object store, for {@link ClusterState} to save and restore. */
    KubernetesCrudDispatcher store() {
        return store.dispatcher();
    }

    @Override
    public void close() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
            vertx = null;
        }
    }

    // ---------------------------------------------------------------- request handling

    private void handle(HttpServerRequest req) {
        requests.record(req.method().name(), req.uri(), req.getHeader("User-Agent"));
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
        Map<String, String> query = Queries.of(uri);
        String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        try {
            if (req.method() == io.vertx.core.http.HttpMethod.GET && Queries.isTrue(query.get("watch"))) {
                watches.watch(req, uri, path, query);
                return;
            }
            if (req.method() == io.vertx.core.http.HttpMethod.GET && path.endsWith("/log")
                    && Queries.isTrue(query.get("follow"))) {
                logs.follow(req, path, query);
                return;
            }
        } catch (RuntimeException e) {
            LOG.debug("Simulated API failed on {} {}", req.method(), uri, e);
            internalError(e).send(req.response());
            return;
        }
        Headers headers = Headers.builder().addAll(req.headers()).build();
        HttpMethod method = HttpMethod.valueOf(req.method().name());
        vertx.executeBlocking(() -> route(method, uri, path, query, headers, body), false)
                .onSuccess(reply -> reply.send(req.response()))
                .onFailure(e -> {
                    LOG.debug("Simulated API failed on {} {}", method, uri, e);
                    internalError(e).send(req.response());
                });
    }

    private Reply internalError(Throwable e) {
        return Reply.json(500, ApiStatus.failure(json, 500, "InternalError", String.valueOf(e.getMessage()), null, null));
    }

    private Reply route(HttpMethod method, String uri, String path, Map<String, String> query, Headers headers, byte[] body)
            throws IOException {
        if (method == HttpMethod.GET) {
            Optional<Reply> fixed = reads.fixedPaths(path, query);
            if (fixed.isPresent()) {
                return fixed.get();
            }
        }
        Optional<ResourcePath> parsed = ResourcePath.parse(path);
        if (parsed.isEmpty()) {
            return reads.notFoundPlain();
        }
        ResourcePath rp = parsed.get();
        if ("scale".equals(rp.subresource())) {
            return retryingConflicts(() -> scales.scale(method, rp, query, headers, body), body);
        }
        if ("log".equals(rp.subresource()) && "pods".equals(rp.plural())) {
            return logs.logs(rp, query);
        }
        return switch (method) {
            case GET -> reads.get(uri, rp, query, headers);
            case POST -> writes.create(rp, query, Writes.writer(query, headers), body);
            case PUT -> writes.update(rp, query, Writes.writer(query, headers), body);
            case PATCH -> retryingConflicts(() -> writes.patch(rp, query, headers, body), body);
            case DELETE -> writes.delete(uri, path, rp, query);
            default -> Reply.json(405, ApiStatus.failure(json, 405, "MethodNotAllowed", "method not allowed", null, null));
        };
    }

    private interface Write {
        Reply run() throws IOException;
    }

    /**
     * A patch or scale that does not name a resourceVersion is retried on a conflict with a concurrent write (a
     * controller's) until it lands, as kube-apiserver's GuaranteedUpdate does: such a write never answers 409 for
     * a race it did not ask to lose. One that names the resourceVersion gets the 409.
     */
    private Reply retryingConflicts(Write write, byte[] body) throws IOException {
        boolean pinned = namesResourceVersion(body);
        Reply reply = write.run();
        for (int attempt = 0; attempt < MAX_CONFLICT_RETRIES && reply.code() == 409 && !pinned; attempt++) {
            reply = write.run();
        }
        return reply;
    }

    /** Whether a patch body asks for the object's current resourceVersion: in its metadata, or by a JSON patch op. */
    private boolean namesResourceVersion(byte[] body) {
        JsonNode patch;
        try {
            patch = writes.parse(body);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        if (patch.isArray()) {
            for (JsonNode op : patch) {
                if ("/metadata/resourceVersion".equals(op.path("path").asText())) {
                    return true;
                }
            }
            return false;
        }
        return !patch.path("metadata").path("resourceVersion").asText("").isEmpty();
    }
}
