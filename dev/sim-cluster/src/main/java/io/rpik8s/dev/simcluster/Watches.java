package io.rpik8s.dev.simcluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.fabric8.mockwebserver.vertx.ServerWebSocketHandler;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code ?watch=true}: the store's watch over a WebSocket as the mock serves it, or as the HTTP stream of events
 * real clients read (since {@code resourceVersion}, as Table rows when asked, ended after {@code timeoutSeconds}).
 */
final class Watches {

    private final ObjectMapper json;
    private final Vertx vertx;
    private final ObjectStore store;
    private final ApiCatalog catalog;
    private final TableRenderer tables;

    Watches(ObjectMapper json, Vertx vertx, ObjectStore store, ApiCatalog catalog, TableRenderer tables) {
        this.json = json;
        this.vertx = vertx;
        this.store = store;
        this.catalog = catalog;
        this.tables = tables;
    }

    void watch(HttpServerRequest req, String uri, String path, Map<String, String> query) {
        Optional<ResourcePath> rp = ResourcePath.parse(path);
        String storeUri = uri;
        if (rp.isPresent() && rp.get().name() != null) {
            // /api/v1/namespaces/ns/pods/name?watch=true is a watch on one object.
            storeUri = rp.get().collectionPath() + "?watch=true&fieldSelector=metadata.name%3D" + rp.get().name();
        }
        RecordedRequest recorded = ObjectStore.request(HttpMethod.GET, storeUri, null);
        MockResponse response = store.handleWatch(storeUri);
        WebSocketListener listener = response.getWebSocketListener();
        if ("websocket".equalsIgnoreCase(req.getHeader("Upgrade"))) {
            req.toWebSocket().onSuccess(new ServerWebSocketHandler(recorded, response));
            return;
        }
        long sinceVersion = Queries.parseLong(query.get("resourceVersion"));
        Optional<ApiResource> resource = rp.flatMap(r -> catalog.find(r.group(), r.version(), r.plural()));
        boolean asTable = String.valueOf(req.getHeader("Accept")).contains("as=Table") && resource.isPresent();
        AtomicBoolean first = new AtomicBoolean(true);
        HttpServerResponse http = req.response();
        http.setChunked(true);
        http.putHeader("Content-Type", Reply.JSON_TYPE);
        http.putHeader(SimulatedApiServer.SIMULATED_HEADER, "true");
        http.setStatusCode(200);
        http.write("");
        Context context = vertx.getOrCreateContext();
        HttpWatchStream stream = new HttpWatchStream(recorded, http, context, event -> {
            try {
                ObjectNode e = (ObjectNode) json.readTree(event);
                long rv = Queries.parseLong(e.path("object").path("metadata").path("resourceVersion").asText());
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
        long timeout = Queries.parseLong(query.get("timeoutSeconds"));
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
}
