package io.rpik8s.monitoring.cluster;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Container restarts over time, from the restart counts the pod informer observes: each increase is remembered with
 * when it was seen, so "restarts in the last hour" counts real restarts, not containers. Kept in memory: after a
 * service restart the window refills (a container seen for the first time counts its last restart if that ended
 * within the hour, since its earlier ones cannot be dated).
 */
@ApplicationScoped
public class RestartHistory {

    static final Duration WINDOW = Duration.ofHours(1);

    private final Clock clock;
    private final Map<String, Integer> lastCount = new HashMap<>();
    private final Deque<Increase> increases = new ArrayDeque<>();

    public RestartHistory() {
        this(Clock.systemUTC());
    }

    RestartHistory(Clock clock) {
        this.clock = clock;
    }

    /** Records the restart counts of {@code pod}'s containers (called by the informer on add and update). */
    public synchronized void observe(Pod pod) {
        Instant now = clock.instant();
        for (ContainerStatus c : statuses(pod)) {
            int count = c.getRestartCount() == null ? 0 : c.getRestartCount();
            Integer previous = lastCount.put(keyOf(pod) + "/" + c.getName(), count);
            if (previous == null) {
                Instant lastEnded = lastTermination(c);
                if (count > 0 && lastEnded != null && lastEnded.isAfter(now.minus(WINDOW))) {
                    increases.add(new Increase(lastEnded, 1));
                }
            } else if (count > previous) {
                increases.add(new Increase(now, count - previous));
            }
        }
        prune(now);
    }

    /** Forgets the counts of a deleted pod; its restarts stay counted until they leave the window. */
    public synchronized void forget(Pod pod) {
        String prefix = keyOf(pod) + "/";
        lastCount.keySet().removeIf(k -> k.startsWith(prefix));
    }

    /** Restarts observed within the last hour. */
    public synchronized int lastHour() {
        Instant now = clock.instant();
        prune(now);
        Instant from = now.minus(WINDOW);
        return increases.stream().filter(i -> i.at().isAfter(from)).mapToInt(Increase::restarts).sum();
    }

    private void prune(Instant now) {
        Instant from = now.minus(WINDOW);
        // First-seen restarts are dated by their termination, so the deque is only roughly ordered: drop by filter.
        increases.removeIf(i -> !i.at().isAfter(from));
    }

    private static String keyOf(Pod pod) {
        // The UID tells a re-created pod (whose counts start again at 0) from the one it replaces.
        String uid = pod.getMetadata().getUid();
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + (uid == null ? "" : "/" + uid);
    }

    private static List<ContainerStatus> statuses(Pod pod) {
        List<ContainerStatus> all = new ArrayList<>();
        if (pod.getStatus() != null) {
            if (pod.getStatus().getInitContainerStatuses() != null) {
                all.addAll(pod.getStatus().getInitContainerStatuses());
            }
            if (pod.getStatus().getContainerStatuses() != null) {
                all.addAll(pod.getStatus().getContainerStatuses());
            }
        }
        return all;
    }

    private static Instant lastTermination(ContainerStatus c) {
        if (c.getLastState() == null || c.getLastState().getTerminated() == null
                || c.getLastState().getTerminated().getFinishedAt() == null) {
            return null;
        }
        try {
            return Instant.parse(c.getLastState().getTerminated().getFinishedAt());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code restarts} more restarts, seen at {@code at}. */
    private record Increase(Instant at, int restarts) {
    }
}
