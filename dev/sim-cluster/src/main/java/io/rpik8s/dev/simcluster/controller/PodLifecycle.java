package io.rpik8s.dev.simcluster.controller;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The simulated scheduler and kubelet: binds pods to nodes, then moves them through ContainerCreating, Running and
 * Ready, image-pull back-off or crash loops, with the usual events, as the rules of {@code pod-lifecycle.yaml}
 * ({@link LifecycleRules}) say: when each step happens, and which images fail how.
 */
final class PodLifecycle {

    private final LifecycleRules rules = LifecycleRules.load();
    private final Duration pullStarts = rules.steps().pullStarts();
    private final Duration containerStarts = rules.steps().containerStarts();
    private final Duration readyAfter = rules.steps().readyAfter();
    private final Duration pullBackOffAfter = rules.steps().pullBackOffAfter();
    private final Duration crashRun = rules.steps().crashRun();

    private final KubernetesClient client;
    private final EventRecorder events;
    private final Map<String, Instant> scheduledAt = new HashMap<>();
    private final Set<String> emitted = new HashSet<>();

    PodLifecycle(KubernetesClient client, EventRecorder events) {
        this.client = client;
        this.events = events;
    }

    private boolean brokenImage(String image) {
        return rules.behaviourOf(image) == LifecycleRules.Behaviour.IMAGE_PULL_BACK_OFF;
    }

    private boolean crashingImage(String image) {
        return rules.behaviourOf(image) == LifecycleRules.Behaviour.CRASH_LOOP;
    }

    void reconcile(List<Pod> pods, List<Node> nodes, Instant now) {
        Map<String, Long> perNode = pods.stream().filter(p -> p.getSpec().getNodeName() != null)
                .collect(Collectors.groupingBy(p -> p.getSpec().getNodeName(), Collectors.counting()));
        Map<String, Node> nodesByName = nodes.stream().collect(Collectors.toMap(n -> n.getMetadata().getName(), Function.identity()));
        Set<String> live = new HashSet<>();
        for (Pod pod : pods) {
            String uid = pod.getMetadata().getUid();
            live.add(uid);
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            try {
                if (pod.getSpec().getNodeName() == null) {
                    Optional<Pod> bound = schedule(pod, nodes, perNode, now);
                    if (bound.isEmpty()) {
                        continue;
                    }
                    pod = bound.get();
                }
                scheduledAt.putIfAbsent(uid, now);
                Node node = nodesByName.get(pod.getSpec().getNodeName());
                progress(pod, node, Duration.between(scheduledAt.get(uid), now), now);
            } catch (KubernetesClientException e) {
                // Conflict or deleted meanwhile: the next pass sees the new state.
            }
        }
        scheduledAt.keySet().retainAll(live);
        emitted.removeIf(k -> !live.contains(k.substring(0, k.indexOf('|'))));
    }

    private Optional<Pod> schedule(Pod pod, List<Node> nodes, Map<String, Long> perNode, Instant now) {
        Optional<Node> node = NodeSelection.choose(pod, nodes, perNode);
        if (node.isEmpty()) {
            once(pod, "FailedScheduling", () -> events.warning(pod, "default-scheduler", "FailedScheduling",
                    "0/" + nodes.size() + " nodes are available: " + nodes.size()
                            + " node(s) didn't match Pod's node affinity/selector. preemption: 0/" + nodes.size()
                            + " nodes are available: " + nodes.size() + " Preemption is not helpful for scheduling."));
            PodStatus status = new PodStatusBuilder().withPhase("Pending").withQosClass(qos(pod))
                    .withConditions(new PodConditionBuilder().withType("PodScheduled").withStatus("False")
                            .withReason("Unschedulable").withMessage("0/" + nodes.size()
                                    + " nodes are available: " + nodes.size() + " node(s) didn't match Pod's node affinity/selector.")
                            .withLastTransitionTime(ts(now)).build())
                    .build();
            writeStatus(pod, status);
            return Optional.empty();
        }
        String nodeName = node.get().getMetadata().getName();
        pod.getSpec().setNodeName(nodeName);
        pod.getMetadata().setResourceVersion(null);
        Pod bound = client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).update();
        perNode.merge(nodeName, 1L, Long::sum);
        scheduledAt.put(pod.getMetadata().getUid(), now);
        events.normal(bound, "default-scheduler", "Scheduled", "Successfully assigned "
                + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + " to " + nodeName);
        return Optional.of(bound);
    }

    private void progress(Pod pod, Node node, Duration elapsed, Instant now) {
        Instant start = now.minus(elapsed);
        String nodeName = pod.getSpec().getNodeName();
        boolean started = elapsed.compareTo(containerStarts) >= 0;
        List<ContainerStatus> statuses = new ArrayList<>();
        boolean anyBroken = false;
        boolean allReady = true;
        for (Container c : pod.getSpec().getContainers()) {
            String image = c.getImage() == null ? "" : c.getImage();
            ContainerStatus cs;
            if (brokenImage(image)) {
                anyBroken = true;
                cs = pullFailure(pod, c, elapsed);
            } else if (crashingImage(image)) {
                cs = crashLoop(pod, c, start, now);
            } else {
                cs = healthy(pod, c, elapsed, start);
            }
            allReady &= Boolean.TRUE.equals(cs.getReady());
            statuses.add(cs);
        }
        String phase = anyBroken || !started ? "Pending" : "Running";
        List<PodCondition> conditions = List.of(
                condition("PodReadyToStartContainers", started && !anyBroken, start.plus(containerStarts), start),
                condition("Initialized", true, start, start),
                condition("Ready", allReady && !statuses.isEmpty(), start.plus(readyAfter), start),
                condition("ContainersReady", allReady && !statuses.isEmpty(), start.plus(readyAfter), start),
                condition("PodScheduled", true, start, start));
        PodStatusBuilder status = new PodStatusBuilder().withPhase(phase).withConditions(conditions)
                .withContainerStatuses(statuses).withQosClass(qos(pod)).withStartTime(ts(start));
        if (node != null) {
            String ip = node.getStatus().getAddresses().get(0).getAddress();
            status.withHostIP(ip).addNewHostIP(ip);
        }
        if (started) {
            String podIp = podIp(pod, node);
            status.withPodIP(podIp).addNewPodIP(podIp);
        }
        writeStatus(pod, status.build());
        if (elapsed.compareTo(pullStarts) >= 0) {
            for (Container c : pod.getSpec().getContainers()) {
                once(pod, "Pulling" + c.getName(), () -> events.normal(pod, "kubelet", "Pulling",
                        "Pulling image \"" + c.getImage() + "\""));
            }
        }
        if (nodeName == null) {
            return;
        }
        for (Container c : pod.getSpec().getContainers()) {
            String image = c.getImage() == null ? "" : c.getImage();
            if (brokenImage(image) && elapsed.compareTo(pullStarts) >= 0) {
                once(pod, "Failed" + c.getName(), () -> {
                    events.warning(pod, "kubelet", "Failed", "Failed to pull image \"" + image + "\": " + notFound(image));
                    events.warning(pod, "kubelet", "Failed", "Error: ErrImagePull");
                });
                if (elapsed.compareTo(pullBackOffAfter) >= 0) {
                    once(pod, "BackOff" + c.getName(), () -> {
                        events.normal(pod, "kubelet", "BackOff", "Back-off pulling image \"" + image + "\"");
                        events.warning(pod, "kubelet", "Failed", "Error: ImagePullBackOff");
                    });
                }
            } else if (started) {
                once(pod, "Started" + c.getName(), () -> {
                    events.normal(pod, "kubelet", "Pulled", "Successfully pulled image \"" + image + "\" in 1.214s "
                            + "(1.214s including waiting). Image size: " + (20_000_000 + Math.abs(image.hashCode()) % 90_000_000)
                            + " bytes.");
                    events.normal(pod, "kubelet", "Created", "Created container: " + c.getName());
                    events.normal(pod, "kubelet", "Started", "Started container " + c.getName());
                });
            }
        }
        for (ContainerStatus cs : statuses) {
            if (cs.getRestartCount() != null && cs.getRestartCount() > 0) {
                once(pod, "Crash" + cs.getName() + cs.getRestartCount(), () -> events.warning(pod, "kubelet", "BackOff",
                        "Back-off restarting failed container " + cs.getName() + " in pod " + pod.getMetadata().getName()
                                + "_" + pod.getMetadata().getNamespace() + "(" + pod.getMetadata().getUid() + ")"));
            }
        }
    }

    private ContainerStatus pullFailure(Pod pod, Container c, Duration elapsed) {
        boolean backOff = elapsed.compareTo(pullBackOffAfter) >= 0;
        boolean pulling = elapsed.compareTo(pullStarts) >= 0;
        String reason = !pulling ? "ContainerCreating" : backOff ? "ImagePullBackOff" : "ErrImagePull";
        String message = !pulling ? null : backOff ? "Back-off pulling image \"" + c.getImage() + "\": ErrImagePull: "
                + notFound(c.getImage()) : notFound(c.getImage());
        return new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage()).withImageID("")
                .withReady(false).withStarted(false).withRestartCount(0)
                .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting().endState()
                .build();
    }

    private ContainerStatus healthy(Pod pod, Container c, Duration elapsed, Instant start) {
        ContainerStatusBuilder b = base(pod, c);
        if (elapsed.compareTo(containerStarts) < 0) {
            return b.withReady(false).withStarted(false).withRestartCount(0)
                    .withNewState().withNewWaiting().withReason("ContainerCreating").endWaiting().endState().build();
        }
        Duration containerReady = readyAfter;
        if (c.getReadinessProbe() != null && c.getReadinessProbe().getInitialDelaySeconds() != null) {
            containerReady = containerReady.plusSeconds(Math.min(20, c.getReadinessProbe().getInitialDelaySeconds()));
        }
        return b.withReady(elapsed.compareTo(containerReady) >= 0).withStarted(true).withRestartCount(0)
                .withContainerID(containerId(pod, c, 0))
                .withNewState().withNewRunning().withStartedAt(ts(start.plus(containerStarts))).endRunning().endState()
                .build();
    }

    /** Runs of crashRun, each followed by the rules' back-off (10 s doubling up to 5 min, as the kubelet does). */
    private ContainerStatus crashLoop(Pod pod, Container c, Instant start, Instant now) {
        ContainerStatusBuilder b = base(pod, c);
        Instant runStart = start.plus(containerStarts);
        if (now.isBefore(runStart)) {
            return b.withReady(false).withStarted(false).withRestartCount(0)
                    .withNewState().withNewWaiting().withReason("ContainerCreating").endWaiting().endState().build();
        }
        int restarts = 0;
        while (true) {
            Instant runEnd = runStart.plus(crashRun);
            if (now.isBefore(runEnd)) {
                b.withNewState().withNewRunning().withStartedAt(ts(runStart)).endRunning().endState();
                break;
            }
            long backoff = rules.crashBackOff(restarts).toSeconds();
            Instant retry = runEnd.plusSeconds(backoff);
            if (now.isBefore(retry)) {
                restarts++;
                b.withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                        .withMessage("back-off " + Ages(backoff) + " restarting failed container=" + c.getName() + " pod="
                                + pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace() + "("
                                + pod.getMetadata().getUid() + ")").endWaiting().endState();
                b.withNewLastState().withNewTerminated().withExitCode(1).withReason("Error")
                        .withStartedAt(ts(runStart)).withFinishedAt(ts(runEnd))
                        .withContainerID(containerId(pod, c, restarts - 1)).endTerminated().endLastState();
                break;
            }
            restarts++;
            runStart = retry;
        }
        return b.withReady(false).withStarted(false).withRestartCount(restarts)
                .withContainerID(containerId(pod, c, restarts)).build();
    }

    private static String Ages(long seconds) {
        return seconds >= 60 ? (seconds / 60) + "m" + (seconds % 60 == 0 ? "" : (seconds % 60) + "s") : seconds + "s";
    }

    private ContainerStatusBuilder base(Pod pod, Container c) {
        return new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage())
                .withImageID(imageId(c.getImage()));
    }

    private void writeStatus(Pod pod, PodStatus status) {
        if (Serialization.asJson(status).equals(Serialization.asJson(pod.getStatus()))) {
            return;
        }
        pod.setStatus(status);
        pod.getMetadata().setResourceVersion(null);
        client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).updateStatus();
    }

    private void once(Pod pod, String key, Runnable action) {
        if (emitted.add(pod.getMetadata().getUid() + "|" + key)) {
            action.run();
        }
    }

    private static PodCondition condition(String type, boolean status, Instant since, Instant fallback) {
        return new PodConditionBuilder().withType(type).withStatus(status ? "True" : "False")
                .withLastTransitionTime(ts(status ? since : fallback)).build();
    }

    private static String qos(Pod pod) {
        boolean any = pod.getSpec().getContainers().stream().anyMatch(c -> c.getResources() != null
                && ((c.getResources().getRequests() != null && !c.getResources().getRequests().isEmpty())
                || (c.getResources().getLimits() != null && !c.getResources().getLimits().isEmpty())));
        return any ? "Burstable" : "BestEffort";
    }

    private static String podIp(Pod pod, Node node) {
        String cidr = node == null || node.getSpec().getPodCIDR() == null ? "10.42.0.0/24" : node.getSpec().getPodCIDR();
        String prefix = cidr.substring(0, cidr.lastIndexOf('.'));
        return prefix + "." + (2 + Math.abs(pod.getMetadata().getUid().hashCode()) % 250);
    }

    private static String notFound(String image) {
        return "rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/" + image
                + "\": failed to resolve reference \"docker.io/" + image + "\": docker.io/" + image + ": not found";
    }

    private static String containerId(Pod pod, Container c, int attempt) {
        return "containerd://" + hex(pod.getMetadata().getUid() + c.getName() + attempt);
    }

    private static String imageId(String image) {
        return "docker.io/" + (image.contains("@") ? image : image.replaceAll(":[^:/]*$", "")) + "@sha256:" + hex(image);
    }

    private static String hex(String seed) {
        StringBuilder b = new StringBuilder();
        long h = seed.hashCode();
        while (b.length() < 64) {
            h = h * 6364136223846793005L + 1442695040888963407L;
            b.append(String.format("%016x", h));
        }
        return b.substring(0, 64);
    }

    private static String ts(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
