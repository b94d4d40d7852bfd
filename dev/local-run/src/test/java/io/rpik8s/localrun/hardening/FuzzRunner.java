package io.rpik8s.localrun.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import io.rpik8s.localrun.PlatformHarness;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Sends generated requests with a bounded number in flight (java.net.http, HTTP/1.1) and judges every answer:
 * no 5xx, no lost answer, the expected status where one is fixed, problem+json with a matching {@code status} on
 * every 4xx. Answers that created something (2xx with a {@code Location}) are kept so the suite can remove them.
 */
final class FuzzRunner {

    /** A request whose answer broke the rules. */
    record Violation(FuzzRequest request, int status, String problem) {
        String group() {
            String attackClass = request.attack().replaceAll(":[^:]*$", "");
            return request.operation() + " [" + attackClass + "] -> " + (status == 0 ? problem : status);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(20)).build();

    private final PlatformHarness platform;
    private final Queue<Violation> violations = new ConcurrentLinkedQueue<>();
    private final Queue<String> created = new ConcurrentLinkedQueue<>();
    private final AtomicIntegerArray statusClasses = new AtomicIntegerArray(6);
    private final java.util.concurrent.atomic.AtomicInteger reusedConnectionsLost =
            new java.util.concurrent.atomic.AtomicInteger();

    FuzzRunner(PlatformHarness platform) {
        this.platform = platform;
    }

    void run(List<FuzzRequest> requests, int inFlight) throws InterruptedException {
        Semaphore permits = new Semaphore(inFlight);
        for (FuzzRequest request : requests) {
            permits.acquire();
            CompletableFuture<HttpResponse<String>> answer;
            try {
                // A server answers an oversized head or body by closing the connection: such requests get a client
                // of their own, so that a closed connection never goes back to the pool the others reuse.
                HttpClient client = request.attack().contains("huge") ? fresh() : http;
                answer = client.sendAsync(build(request), FuzzRunner::bodyOrStreamMarker);
            } catch (IllegalArgumentException refusedByClient) {
                // java.net.http itself refuses the request (e.g. a header it cannot send): not sent, not judged.
                permits.release();
                continue;
            }
            answer.exceptionallyCompose(failure -> {
                if (rootMessage(failure).startsWith("HttpTimeoutException")) {
                    return CompletableFuture.failedFuture(failure);
                }
                // A pooled keep-alive connection the server had closed: the request is sent once more on a fresh
                // connection. A server that does not answer that either is a violation.
                reusedConnectionsLost.incrementAndGet();
                return fresh().sendAsync(build(request), FuzzRunner::bodyOrStreamMarker);
            }).whenComplete((response, failure) -> {
                try {
                    judge(request, response, failure);
                } finally {
                    permits.release();
                }
            });
        }
        permits.acquire(inFlight);
        permits.release(inFlight);
    }

    private static HttpClient fresh() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(20))
                .build();
    }

    /** Requests that had to be sent a second time because their pooled connection was closed under them. */
    int resent() {
        return reusedConnectionsLost.get();
    }

    private HttpRequest build(FuzzRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                        URI.create(platform.baseUrl(request.operation().service()) + request.pathAndQuery()))
                .timeout(Duration.ofSeconds(90));
        if (request.authorization() != null) {
            builder.header("Authorization", request.authorization());
        }
        if (request.body() != null && !request.headers().containsKey("Content-Type")) {
            builder.header("Content-Type", "application/json");
        }
        request.headers().forEach(builder::header);
        builder.method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        return builder.build();
    }

    /** Server-sent event streams never end: their first bytes are enough, the rest is cut. */
    private static HttpResponse.BodySubscriber<String> bodyOrStreamMarker(HttpResponse.ResponseInfo info) {
        if (info.statusCode() == 200 && info.headers().firstValue("Content-Type").orElse("")
                .startsWith("text/event-stream")) {
            return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofInputStream(), in -> {
                try (InputStream closed = in) {
                    return "(event stream)";
                } catch (IOException e) {
                    return "(event stream)";
                }
            });
        }
        return HttpResponse.BodySubscribers.ofString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private void judge(FuzzRequest request, HttpResponse<String> response, Throwable failure) {
        if (failure != null) {
            violations.add(new Violation(request, 0, "no answer: " + rootMessage(failure)));
            return;
        }
        int status = response.statusCode();
        statusClasses.incrementAndGet(Math.min(5, status / 100));
        if (status >= 500) {
            platform.recordProblem(response.body());
            violations.add(new Violation(request, status, "server error: " + abbreviate(response.body())));
            return;
        }
        if (request.expectedStatus() != 0 && status != request.expectedStatus()) {
            violations.add(new Violation(request, status, "expected " + request.expectedStatus()));
            return;
        }
        if (status >= 400) {
            platform.recordProblem(response.body());
            String problem = problemJsonIssue(response);
            if (problem != null) {
                violations.add(new Violation(request, status, problem));
            }
        } else if (status >= 200 && status < 300 && request.operation().mutating()) {
            response.headers().firstValue("Location").ifPresent(l -> created.add(request.operation().service() + " " + l));
        }
    }

    private static String problemJsonIssue(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("(none)");
        if (!type.startsWith("application/problem+json")) {
            return "not problem+json: Content-Type " + type + ", body " + abbreviate(response.body());
        }
        try {
            JsonNode body = PlatformApi.JSON.readTree(response.body());
            if (body.path("status").asInt() != response.statusCode() || body.path("title").asText().isBlank()) {
                return "problem without matching status and title: " + abbreviate(response.body());
            }
            if (response.body().contains("\tat ") || response.body().contains("java.lang.")) {
                return "stack trace or exception text in the problem: " + abbreviate(response.body());
            }
        } catch (IOException e) {
            return "problem+json that is not JSON: " + abbreviate(response.body());
        }
        return null;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + " " + root.getMessage();
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    List<Violation> violations() {
        return List.copyOf(violations);
    }

    /** {@code service location} of everything the fuzzed requests created. */
    List<String> created() {
        return List.copyOf(created);
    }

    /** Answers per status class: index 1..5 for 1xx..5xx, 0 unused. */
    Map<String, Integer> statusCounts() {
        return Map.of("2xx", statusClasses.get(2), "3xx", statusClasses.get(3), "4xx", statusClasses.get(4),
                "5xx", statusClasses.get(5));
    }
}
