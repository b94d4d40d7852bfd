package io.rpik8s.sidecar;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What an app does with its sidecar, with nothing but the JDK: the guide's "In-cluster sidecar" shows this code,
 * and SidecarTest runs it against a real sidecar.
 */
final class AppSide {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String sidecar;

    /** {@code sidecar}: {@code http://127.0.0.1:8099} in the pod. */
    AppSide(String sidecar) {
        this.sidecar = sidecar;
    }

    // tag::app-side[]
    /** Tells the platform how the app is: healthy, degraded or unhealthy; 202 when it was published. */
    int reportHealth(String status, String message) throws IOException, InterruptedException {
        String json = "{\"status\": \"" + status + "\", \"message\": \"" + message + "\"}";
        return http.send(HttpRequest.newBuilder(URI.create(sidecar + "/health"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Publishes an event of the app's own as app.custom, e.g. type "order.shipped" and data {"order": "A-17"}. */
    int publish(String type, String dataJson) throws IOException, InterruptedException {
        String json = "{\"type\": \"" + type + "\", \"data\": " + dataJson + "}";
        return http.send(HttpRequest.newBuilder(URI.create(sidecar + "/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Follows the app's platform events (server-sent events): each line as it comes, e.g. "event:deployment.ready". */
    CompletableFuture<Void> follow(Consumer<String> line) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(sidecar + "/events"))
                        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().forEach(line));
    }
    // end::app-side[]
}
