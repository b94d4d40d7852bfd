package io.rpik8s.dev.simcluster.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rpik8s.dev.simcluster.SimulatedCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** Plain HTTP to the simulated API server, to see its answers as kubectl and client libraries do. */
final class Api {

    /** An answer: its code, its JSON body and its Warning headers. */
    record Answer(int code, JsonNode body, List<String> warnings) {

        /** The field paths of a {@code Status}'s causes. */
        List<String> fields() {
            return body.path("details").path("causes").findValuesAsText("field");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String url;

    Api(SimulatedCluster cluster) {
        this.url = cluster.url();
    }

    Answer send(String method, String path, String contentType, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                    .header("User-Agent", "kubectl/v1.32.0 (linux/amd64) kubernetes/test");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()),
                    response.headers().allValues("Warning"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer post(String path, String body) {
        return send("POST", path, "application/json", body);
    }

    Answer put(String path, String body) {
        return send("PUT", path, "application/json", body);
    }

    Answer patch(String path, String contentType, String body) {
        return send("PATCH", path, contentType, body);
    }

    Answer get(String path) {
        return send("GET", path, null, null);
    }
}
