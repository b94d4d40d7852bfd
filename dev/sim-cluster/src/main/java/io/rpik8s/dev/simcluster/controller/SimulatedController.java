package io.rpik8s.dev.simcluster.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated cluster's control plane and kubelets in one loop: every half second it lists the objects and runs
 * the garbage collector, Deployment and ReplicaSet controllers, scheduler and kubelet, volume provisioner and node
 * heartbeats. Level-triggered polling rather than watches keeps it simple and self-healing; the lists are a few
 * hundred objects at most.
 */
public final class SimulatedController implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedController.class);
    private static final Duration HEARTBEAT = Duration.ofSeconds(40);

    private final KubernetesClient client;
    private final EventRecorder events;
    private final DeploymentReconciler deployments;
    private final ReplicaSetReconciler replicaSets;
    private final PodLifecycle kubelet;
    private final VolumeBinder volumes;
    private final GarbageCollector gc;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "simulated-controller");
        t.setDaemon(true);
        return t;
    });
    private Instant lastHeartbeat = Instant.EPOCH;
    private volatile boolean failingLogged;
    private volatile boolean closing;
    private volatile boolean down;

    public SimulatedController(KubernetesClient client) {
        this.client = client;
        this.events = new EventRecorder(client);
        this.deployments = new DeploymentReconciler(client, events);
        this.replicaSets = new ReplicaSetReconciler(client, events);
        this.kubelet = new PodLifecycle(client, events);
        this.volumes = new VolumeBinder(client, events);
        this.gc = new GarbageCollector(client);
    }

    public void start() {
        long period = Long.getLong("localrun.controller.period-ms", 500);
        loop.scheduleWithFixedDelay(this::safePass, 0, period, TimeUnit.MILLISECONDS);
    }

    /**
     * The controller manager down, as when k3s's controllers stall or crash: no pass runs until the answer is
     * closed, so Deployments keep a spec their controller has not observed. For fault tests.
     */
    public synchronized AutoCloseable down() {
        // Synchronized as pass is: a pass under way ends before this answers, and none starts after it.
        down = true;
        return () -> down = false;
    }

    private synchronized void safePass() {
        if (down) {
            return;
        }
        try {
            pass(Instant.now());
            failingLogged = false;
        } catch (Throwable e) {
            // Anything escaping here would silently end the scheduled loop, and the cluster would stop moving.
            if (!failingLogged && !closing) {
                LOG.warn("[SIMULATED] controller pass failed (will retry): {}", e.getMessage());
                LOG.debug("Controller failure", e);
                failingLogged = true;
            }
        }
    }

    /** One reconciliation of everything; public for tests that drive time themselves. */
    public synchronized void pass(Instant now) {
        List<Deployment> deploys = client.apps().deployments().inAnyNamespace().list().getItems();
        List<ReplicaSet> sets = client.apps().replicaSets().inAnyNamespace().list().getItems();
        List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
        List<PersistentVolumeClaim> claims = client.persistentVolumeClaims().inAnyNamespace().list().getItems();
        List<? extends HasMetadata> services = client.services().inAnyNamespace().list().getItems();
        List<? extends HasMetadata> configMaps = client.configMaps().inAnyNamespace().list().getItems();
        List<? extends HasMetadata> secrets = client.secrets().inAnyNamespace().list().getItems();
        // Namespaces are listed after the objects: an object whose namespace is missing from a later list really
        // lost its namespace. Listed first, a namespace created together with its first objects during the pass
        // looked deleted, and those objects were collected (a new app then never got a pod).
        Set<String> namespaces = client.namespaces().list().getItems().stream()
                .map(n -> n.getMetadata().getName()).collect(Collectors.toSet());

        gc.outsideNamespaces(deploys, namespaces);
        gc.outsideNamespaces(sets, namespaces);
        gc.outsideNamespaces(pods, namespaces);
        gc.outsideNamespaces(claims, namespaces);
        gc.outsideNamespaces(services, namespaces);
        gc.outsideNamespaces(configMaps, namespaces);
        gc.outsideNamespaces(secrets, namespaces);
        gc.orphans(sets, "Deployment", uids(deploys));
        gc.orphans(pods, "ReplicaSet", uids(sets));

        Map<String, List<ReplicaSet>> setsByOwner = Owners.byController(sets);
        Map<String, List<Pod>> podsByOwner = Owners.byController(pods);
        for (Deployment d : deploys) {
            if (namespaces.contains(d.getMetadata().getNamespace())) {
                deployments.reconcile(d, setsByOwner.getOrDefault(d.getMetadata().getUid(), List.of()), podsByOwner,
                        now);
            }
        }
        List<ReplicaSet> freshSets = client.apps().replicaSets().inAnyNamespace().list().getItems();
        for (ReplicaSet rs : freshSets) {
            if (Owners.active(rs) && namespaces.contains(rs.getMetadata().getNamespace())) {
                replicaSets.reconcile(rs, podsByOwner.getOrDefault(rs.getMetadata().getUid(), List.of()));
            }
        }
        List<Node> nodes = client.nodes().list().getItems();
        List<Pod> freshPods = client.pods().inAnyNamespace().list().getItems().stream()
                .filter(p -> namespaces.contains(p.getMetadata().getNamespace())).toList();
        kubelet.reconcile(freshPods, nodes, now);
        volumes.reconcile(claims, client.persistentVolumes().list().getItems(),
                client.storage().v1().storageClasses().list().getItems());
        if (Duration.between(lastHeartbeat, now).compareTo(HEARTBEAT) >= 0) {
            heartbeat(nodes, now);
            lastHeartbeat = now;
        }
    }

    private void heartbeat(List<Node> nodes, Instant now) {
        String stamp = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        for (Node node : nodes) {
            if (node.getStatus() == null || node.getStatus().getConditions() == null) {
                continue;
            }
            node.getStatus().getConditions().forEach(c -> c.setLastHeartbeatTime(stamp));
            node.getMetadata().setResourceVersion(null);
            try {
                client.nodes().resource(node).updateStatus();
            } catch (RuntimeException e) {
                // next heartbeat
            }
        }
    }

    private static Set<String> uids(List<? extends HasMetadata> objects) {
        return objects.stream().map(o -> o.getMetadata().getUid()).collect(Collectors.toSet());
    }

    @Override
    public void close() {
        closing = true;
        loop.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
