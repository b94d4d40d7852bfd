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
            PodStatus status = new PodStatusBuilder().withPhase("Pending").withQosClass(PodFacts.qos(pod))
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
                cs = healthy(pod, c, elapsed, start, rules.behaviourOf(image) != LifecycleRules.Behaviour.NEVER_READY);
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
                .withContainerStatuses(statuses).withQosClass(PodFacts.qos(pod)).withStartTime(ts(start));
        if (node != null) {
            String ip = node.getStatus().getAddresses().get(0).getAddress();
            status.withHostIP(ip).addNewHostIP(ip);
        }
        if (started) {
            String podIp = PodFacts.podIp(pod, node);
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
                    events.warning(pod, "kubelet", "Failed", "Failed to pull image \"" + image + "\": " + PodFacts.notFound(image));
                    events.warning(pod, "kubelet", "Failed", "Error: ErrImagePull");
                });
                if (elapsed.compareTo(pullBackOffAfter) >= 0) {
                    once(pod, "BackOff" + c.getName(), () -> {
                        events.normal(pod, "kubelet", "BackOff", "Back-off pulling image \"" + image + "\"");
                        events.warning(pod, "kubelet", "Failed", "Error: ImagePullBackOff");
                    });
                }
            } else if (started) {
                if (rules.behaviourOf(image) == LifecycleRules.Behaviour.NEVER_READY && elapsed.compareTo(readyAfter) >= 0) {
                    once(pod, "Unhealthy" + c.getName(), () -> events.warning(pod, "kubelet", "Unhealthy",
                            "Readiness probe failed: HTTP probe failed with statuscode: 503"));
                }
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
                + PodFacts.notFound(c.getImage()) : PodFacts.notFound(c.getImage());
        return new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage()).withImageID("")
                .withReady(false).withStarted(false).withRestartCount(0)
                .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting().endState()
                .build();
    }

    private ContainerStatus healthy(Pod pod, Container c, Duration elapsed, Instant start, boolean becomesReady) {
        ContainerStatusBuilder b = base(pod, c);
        if (elapsed.compareTo(containerStarts) < 0) {
            return b.withReady(false).withStarted(false).withRestartCount(0)
                    .withNewState().withNewWaiting().withReason("ContainerCreating").endWaiting().endState().build();
        }
        Duration containerReady = readyAfter;
        if (c.getReadinessProbe() != null && c.getReadinessProbe().getInitialDelaySeconds() != null) {
            containerReady = containerReady.plusSeconds(Math.min(20, c.getReadinessProbe().getInitialDelaySeconds()));
        }
        return b.withReady(becomesReady && elapsed.compareTo(containerReady) >= 0).withStarted(true).withRestartCount(0)
                .withContainerID(PodFacts.containerId(pod, c, 0))
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
                        .withMessage("back-off " + PodFacts.Ages(backoff) + " restarting failed container=" + c.getName() + " pod="
                                + pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace() + "("
                                + pod.getMetadata().getUid() + ")").endWaiting().endState();
                b.withNewLastState().withNewTerminated().withExitCode(1).withReason("Error")
                        .withStartedAt(ts(runStart)).withFinishedAt(ts(runEnd))
                        .withContainerID(PodFacts.containerId(pod, c, restarts - 1)).endTerminated().endLastState();
                break;
            }
            restarts++;
            runStart = retry;
        }
        return b.withReady(false).withStarted(false).withRestartCount(restarts)
                .withContainerID(PodFacts.containerId(pod, c, restarts)).build();
    }

    private ContainerStatusBuilder base(Pod pod, Container c) {
        return new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage())
                .withImageID(PodFacts.imageId(c.getImage()));
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

    private static String ts(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
