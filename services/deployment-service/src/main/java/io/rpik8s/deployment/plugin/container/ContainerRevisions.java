package io.rpik8s.deployment.plugin.container;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.rpik8s.model.plugin.AppNotFoundException;
import io.rpik8s.model.plugin.AppRef;
import io.rpik8s.model.plugin.AppStateException;
import io.rpik8s.model.plugin.AppUnavailableException;
import io.rpik8s.model.plugin.InvalidAppException;
import io.rpik8s.model.plugin.Revision;
import io.rpik8s.model.plugin.kube.Conflicts;
import io.rpik8s.model.plugin.kube.PlatformWrites;
import io.rpik8s.model.plugin.kube.Rollouts;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A container app's rollout history as its ReplicaSets keep it, and {@code kubectl rollout undo}. Blocking. */
final class ContainerRevisions {

    private final KubernetesClient client;
    private final Duration controllerWait;

    ContainerRevisions(KubernetesClient client, Duration controllerWait) {
        this.client = client;
        this.controllerWait = controllerWait;
    }

    /** Oldest first; the last one is current. */
    List<Revision> of(Deployment deployment) {
        Deployment d = recorded(deployment);
        List<ReplicaSet> sets = replicaSetsOf(d);
        long current = sets.isEmpty() ? -1 : revisionOf(sets.get(sets.size() - 1));
        return sets.stream().map(rs -> revision(rs, current)).toList();
    }

    /** Puts the pod template of {@code revision} (null: the previous one) back; the revision now running. */
    Revision rollBack(Deployment deployment, Long revision) {
        Deployment d = recorded(deployment);
        String app = d.getMetadata().getNamespace() + "/" + d.getMetadata().getName();
        List<ReplicaSet> sets = replicaSetsOf(d);
        if (sets.isEmpty()) {
            throw new AppStateException("Deployment " + app + " has no revision history to roll back to");
        }
        long current = revisionOf(sets.get(sets.size() - 1));
        Optional<ReplicaSet> target = revision == null
                ? sets.stream().filter(rs -> revisionOf(rs) < current).reduce((a, b) -> b)
                : sets.stream().filter(rs -> revisionOf(rs) == revision).findFirst();
        if (target.isEmpty()) {
            if (revision == null) {
                throw new AppStateException("Deployment " + app + " has no previous revision");
            }
            throw new InvalidAppException("revision", "no revision " + revision + " (known: "
                    + sets.stream().map(rs -> String.valueOf(revisionOf(rs))).toList() + ")");
        }
        var template = target.get().getSpec().getTemplate();
        if (template.getMetadata().getLabels() != null) {
            Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
            labels.remove("pod-template-hash");
            template.getMetadata().setLabels(labels);
        }
        Conflicts.retry(() -> client.apps().deployments().inNamespace(d.getMetadata().getNamespace())
                .withName(d.getMetadata().getName()).edit(x -> {
                    x.getSpec().setTemplate(template);
                    return PlatformWrites.stamp(x);
                }));
        return revision(target.get(), revisionOf(target.get()));
    }

    /**
     * The Deployment once its controller has recorded its latest spec. Until then the newest ReplicaSet may not
     * exist: a rollback would pick its target from a stale history, and the controller, handed that target's
     * template, would never make the revisions of the changes in between (an update, a restart) at all.
     */
    private Deployment recorded(Deployment d) {
        if (observed(d)) {
            return d;
        }
        String ns = d.getMetadata().getNamespace();
        String name = d.getMetadata().getName();
        Deployment now;
        try {
            now = client.apps().deployments().inNamespace(ns).withName(name).waitUntilCondition(
                    x -> x == null || observed(x), controllerWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (KubernetesClientTimeoutException e) {
            throw new AppUnavailableException("The deployment controller has not recorded the latest change of "
                    + "Deployment " + ns + "/" + name + " (generation " + d.getMetadata().getGeneration()
                    + ") within " + controllerWait.toSeconds() + " s; its revision history is not complete yet", 5, e);
        }
        if (now == null) {
            throw new AppNotFoundException(new AppRef(ns, name));
        }
        return now;
    }

    private static boolean observed(Deployment d) {
        Long generation = d.getMetadata().getGeneration();
        Long observed = d.getStatus() == null ? null : d.getStatus().getObservedGeneration();
        return generation == null || observed != null && observed >= generation;
    }

    private List<ReplicaSet> replicaSetsOf(Deployment d) {
        return client.apps().replicaSets().inNamespace(d.getMetadata().getNamespace()).list().getItems().stream()
                .filter(rs -> rs.getMetadata().getOwnerReferences() != null && rs.getMetadata().getOwnerReferences()
                        .stream().anyMatch(o -> Objects.equals(o.getUid(), d.getMetadata().getUid())))
                .filter(rs -> rs.getMetadata().getAnnotations() != null
                        && rs.getMetadata().getAnnotations().containsKey(Rollouts.REVISION))
                .sorted(Comparator.comparingLong(ContainerRevisions::revisionOf))
                .toList();
    }

    private static long revisionOf(ReplicaSet rs) {
        return Long.parseLong(rs.getMetadata().getAnnotations().get(Rollouts.REVISION));
    }

    private static Revision revision(ReplicaSet rs, long current) {
        long number = revisionOf(rs);
        return new Revision(number, rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(),
                rs.getMetadata().getCreationTimestamp(), rs.getMetadata().getName(), number == current);
    }
}
