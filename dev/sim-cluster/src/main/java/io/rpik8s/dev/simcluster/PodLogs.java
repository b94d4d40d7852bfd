package io.rpik8s.dev.simcluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Plausible, clearly simulated container log lines for {@code GET .../pods/{name}/log}. */
final class PodLogs {

    static final Duration LINE_INTERVAL = Duration.ofSeconds(5);
    private static final int MAX_HISTORY = 1000;

    private static final String[] STEADY = {
        "INFO  http  GET /healthz 200 0.4ms",
        "INFO  http  GET /metrics 200 2.1ms",
        "INFO  app   processed %d requests in the last interval",
        "DEBUG app   cache hit ratio 0.%d",
        "INFO  http  GET /api/v1/predict 200 %dms",
        "INFO  app   heartbeat ok (uptime %ds)",
    };

    private PodLogs() {
    }

    /** The error message when the container has not started (as the real API server answers: 400). */
    static String notStartedReason(JsonNode pod, String container) {
        for (JsonNode cs : pod.path("status").path("containerStatuses")) {
            if (cs.path("name").asText().equals(container) && cs.path("state").has("waiting")
                    && cs.path("restartCount").asInt(0) == 0) {
                String reason = cs.path("state").path("waiting").path("reason").asText("ContainerCreating");
                return "container \"" + container + "\" in pod \"" + pod.path("metadata").path("name").asText()
                        + "\" is waiting to start: " + ("ContainerCreating".equals(reason) ? "ContainerCreating"
                        : "trying and failing to pull image");
            }
        }
        if (!pod.path("status").has("containerStatuses")) {
            return "container \"" + container + "\" in pod \"" + pod.path("metadata").path("name").asText()
                    + "\" is waiting to start: ContainerCreating";
        }
        return null;
    }

    static String defaultContainer(JsonNode pod) {
        String annotated = pod.path("metadata").path("annotations").path("kubectl.kubernetes.io/default-container").asText("");
        return annotated.isEmpty() ? pod.path("spec").path("containers").path(0).path("name").asText("") : annotated;
    }

    static String image(JsonNode pod, String container) {
        for (JsonNode c : pod.path("spec").path("containers")) {
            if (c.path("name").asText().equals(container)) {
                return c.path("image").asText();
            }
        }
        return "";
    }

    static Instant started(JsonNode pod) {
        try {
            return Instant.parse(pod.path("status").path("startTime").asText(
                    pod.path("metadata").path("creationTimestamp").asText()));
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }

    /** The lines already written at {@code now}, keeping the last {@code tailLines} (negative = all). */
    static List<String> history(JsonNode pod, String container, Instant now, long tailLines, boolean timestamps) {
        Instant start = started(pod);
        long count = Math.min(MAX_HISTORY, Math.max(1, Duration.between(start, now).toSeconds() / LINE_INTERVAL.toSeconds() + 1));
        long from = tailLines >= 0 ? Math.max(0, count - tailLines) : 0;
        List<String> lines = new ArrayList<>();
        for (long i = from; i < count; i++) {
            lines.add(line(pod, container, i, start.plus(LINE_INTERVAL.multipliedBy(i)), timestamps));
        }
        return lines;
    }

    static String line(JsonNode pod, String container, long index, Instant at, boolean timestamps) {
        String image = image(pod, container);
        String podName = pod.path("metadata").path("name").asText();
        String text;
        if (index == 0) {
            text = "INFO  main  starting " + container + " (" + image + ") on node "
                    + pod.path("spec").path("nodeName").asText("?") + " [simulated container log]";
        } else if (index == 1) {
            text = "INFO  main  listening on 0.0.0.0:" + firstPort(pod, container);
        } else if (image.contains("crashloop")) {
            text = "ERROR main  fatal: cannot load configuration /etc/app/config.yaml: no such file, exiting with code 1";
        } else {
            String pattern = STEADY[(int) ((index + podName.hashCode()) & 0x7fffffff) % STEADY.length];
            text = pattern.contains("%d") ? String.format(pattern, pattern.contains("uptime")
                    ? index * LINE_INTERVAL.toSeconds() : 3 + (Math.abs((podName + index).hashCode()) % 97)) : pattern;
        }
        String line = at.toString() + " " + text + " (simulated)";
        return timestamps ? at + " " + line : line;
    }

    private static int firstPort(JsonNode pod, String container) {
        for (JsonNode c : pod.path("spec").path("containers")) {
            if (c.path("name").asText().equals(container) && c.path("ports").size() > 0) {
                return c.path("ports").path(0).path("containerPort").asInt(8080);
            }
        }
        return 8080;
    }
}
