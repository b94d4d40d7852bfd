package io.rpik8s.dev.simcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** {@code GET .../pods/{name}/log}: the lines of {@link PodLogs} at once, or with {@code follow=true} a line a second. */
final class PodLogRequests {

    private final ObjectMapper json;
    private final Vertx vertx;
    private final ObjectStore store;

    PodLogRequests(ObjectMapper json, Vertx vertx, ObjectStore store) {
        this.json = json;
        this.vertx = vertx;
        this.store = store;
    }

    Reply logs(ResourcePath rp, Map<String, String> query) {
        Optional<JsonNode> pod = store.read(rp.objectPath());
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
        List<String> lines = PodLogs.history(pod.get(), container, Instant.now(), Queries.tailLines(query),
                Queries.isTrue(query.get("timestamps")));
        return new Reply(200, "text/plain", lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
    }

    void follow(HttpServerRequest req, String path, Map<String, String> query) {
        vertx.executeBlocking(() -> {
            ResourcePath rp = ResourcePath.parse(path).orElseThrow();
            Reply first = logs(rp, query);
            return Map.entry(rp, first);
        }, false).onSuccess(entry -> {
            ResourcePath rp = entry.getKey();
            Reply first = entry.getValue();
            if (first.code() != 200) {
                first.send(req.response());
                return;
            }
            HttpServerResponse http = req.response();
            http.setChunked(true);
            http.putHeader("Content-Type", "text/plain");
            http.putHeader(SimulatedApiServer.SIMULATED_HEADER, "true");
            http.write(first.body());
            Optional<JsonNode> pod = store.read(rp.objectPath());
            if (pod.isEmpty()) {
                http.end();
                return;
            }
            String container = query.getOrDefault("container", PodLogs.defaultContainer(pod.get()));
            boolean timestamps = Queries.isTrue(query.get("timestamps"));
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
}
