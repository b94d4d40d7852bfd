package io.rpik8s.localrun.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rpik8s.localrun.PlatformHarness;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Plain HTTP calls to the harness's services, and the snapshot of what the platform holds. */
final class PlatformApi {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> LISTS = Map.of(
            "apps", "deployment-service /api/v1/deployments?size=200",
            "buckets", "storage-service /api/v1/storage/buckets?size=200",
            "databases", "storage-service /api/v1/storage/databases?size=200",
            "volumes", "storage-service /api/v1/storage/volumes?size=200",
            "webhook endpoints", "webhook-dispatcher /api/v1/webhooks/endpoints");

    private final PlatformHarness platform;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    PlatformApi(PlatformHarness platform) {
        this.platform = platform;
    }

    HttpResponse<String> send(String method, String service, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.baseUrl(service) + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String method, String service, String path, String body, int expectedStatus)
            throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, service, path, platform.admin(), body);
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError(method + " " + service + path + " answered " + response.statusCode()
                    + " (expected " + expectedStatus + "): " + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    /** Apps, buckets, databases, volumes and webhook endpoints, each as a sorted set of names or ids. */
    Map<String, TreeSet<String>> snapshot() throws IOException, InterruptedException {
        Map<String, TreeSet<String>> snapshot = new TreeMap<>();
        for (Map.Entry<String, String> list : LISTS.entrySet()) {
            String[] where = list.getValue().split(" ", 2);
            JsonNode answer = json("GET", where[0], where[1], null, 200);
            JsonNode items = answer.isArray() ? answer : answer.path("items");
            TreeSet<String> keys = new TreeSet<>();
            for (JsonNode item : items) {
                keys.add(item.has("id") ? item.get("id").asText()
                        : item.path("namespace").asText("") + "/" + item.path("name").asText());
            }
            snapshot.put(list.getKey(), keys);
        }
        return snapshot;
    }
}
