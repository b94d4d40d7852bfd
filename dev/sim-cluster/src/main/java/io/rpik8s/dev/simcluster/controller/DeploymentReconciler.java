package io.rpik8s.dev.simcluster.controller;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The simulated Deployment controller: one ReplicaSet per pod template ({@code <name>-<pod-template-hash>}, reused
 * and re-numbered when a template comes back, so rollbacks work), rolling updates honouring maxSurge and
 * maxUnavailable, Recreate, revision history, and the status kubectl and clients read (replica counts,
 * Available and Progressing conditions, ProgressDeadlineExceeded).
 */
final class DeploymentReconciler {

    static final String REVISION = "deployment.kubernetes.io/revision";
    private static final String COMPONENT = "deployment-controller";

    private final KubernetesClient client;
    private final EventRecorder events;

    DeploymentReconciler(KubernetesClient client, EventRecorder events) {
        this.client = client;
        this.events = events;
    }

    /** {@code sets}: the ReplicaSets the Deployment controls; {@code podsByOwner}: every pod by its controller's uid. */
    void reconcile(Deployment d, List<ReplicaSet> sets, Map<String, List<Pod>> podsByOwner, Instant now) {
        if (!Owners.active(d)) {
            return;
        }
        try {
            doReconcile(d, sets, podsByOwner, now);
        } catch (KubernetesClientException e) {
            // Conflicts and races resolve on the next pass.
        }
    }

    private void doReconcile(Deployment deployment, List<ReplicaSet> sets, Map<String, List<Pod>> podsOf, Instant now) {
        Deployment d = deployment;
        String ns = d.getMetadata().getNamespace();
        List<ReplicaSet> owned = new ArrayList<>(sets.stream().filter(Owners::active).toList());
        String hash = TemplateHash.of(d.getSpec().getTemplate());
        ReplicaSet newRs = owned.stream().filter(rs -> hash.equals(TemplateHash.of(rs.getSpec().getTemplate())))
                .findFirst().orElse(null);
        long maxRevision = owned.stream().mapToLong(DeploymentReconciler::revision).max().orElse(0);
        int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        boolean recreate = d.getSpec().getStrategy() != null && "Recreate".equals(d.getSpec().getStrategy().getType());
        int surge = recreate ? 0 : resolve(d.getSpec().getStrategy() == null || d.getSpec().getStrategy().getRollingUpdate() == null
                ? null : d.getSpec().getStrategy().getRollingUpdate().getMaxSurge(), desired, true);
        int unavailable = recreate ? desired : resolve(d.getSpec().getStrategy() == null || d.getSpec().getStrategy().getRollingUpdate() == null
                ? null : d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable(), desired, false);
        if (!recreate && surge == 0 && unavailable == 0) {
            surge = 1;
        }
        boolean created = false;
        if (newRs == null) {
            newRs = client.apps().replicaSets().inNamespace(ns).resource(newReplicaSet(d, hash, maxRevision + 1, desired, surge)).create();
            owned.add(newRs);
            created = true;
        } else if (revision(newRs) < maxRevision) {
            // Back to an older template (rollback): the old ReplicaSet becomes the newest revision again.
            newRs.getMetadata().getAnnotations().put(REVISION, String.valueOf(maxRevision + 1));
            newRs.getMetadata().setResourceVersion(null);
            newRs = client.apps().replicaSets().inNamespace(ns).resource(newRs).update();
        }
        String newRevision = String.valueOf(revision(newRs));
        if (!newRevision.equals(annotation(d, REVISION))) {
            // The annotation alone, as a merge patch: a whole object read earlier would put back a spec that a client
            // changed meanwhile (a scale lost to the controller's write).
            d = client.apps().deployments().inNamespace(ns).withName(d.getMetadata().getName()).patch(
                    PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(
                            Map.of("metadata", Map.of("annotations", Map.of(REVISION, newRevision)))));
        }
        final ReplicaSet current = newRs;
        List<ReplicaSet> olds = owned.stream().filter(rs -> rs != current && !rs.getMetadata().getUid().equals(current.getMetadata().getUid()))
                .sorted(Comparator.comparingLong(DeploymentReconciler::revision)).toList();
        Map<String, Integer> readyByRs = new HashMap<>();
        Map<String, Integer> podsByRs = new HashMap<>();
        for (ReplicaSet rs : owned) {
            List<Pod> pods = podsOf.getOrDefault(rs.getMetadata().getUid(), List.of()).stream().filter(Owners::active).toList();
            podsByRs.put(rs.getMetadata().getUid(), pods.size());
            readyByRs.put(rs.getMetadata().getUid(), (int) pods.stream().filter(Owners::ready).count());
        }
        int oldReplicas = olds.stream().mapToInt(DeploymentReconciler::replicas).sum();
        int oldPods = olds.stream().mapToInt(rs -> podsByRs.getOrDefault(rs.getMetadata().getUid(), 0)).sum();
        if (recreate) {
            for (ReplicaSet old : olds) {
                scale(d, old, 0);
            }
            if (oldPods == 0) {
                scale(d, newRs, desired);
            }
        } else if (oldReplicas == 0) {
            scale(d, newRs, desired);
        } else {
            int total = replicas(newRs) + oldReplicas;
            if (replicas(newRs) < desired && total < desired + surge) {
                scale(d, newRs, Math.min(desired, replicas(newRs) + desired + surge - total));
            }
            int available = readyByRs.values().stream().mapToInt(Integer::intValue).sum();
            int canRemove = Math.max(0, available - (desired - unavailable));
            for (ReplicaSet old : olds) {
                int count = replicas(old);
                if (count == 0) {
                    continue;
                }
                int unhealthy = Math.max(0, count - readyByRs.getOrDefault(old.getMetadata().getUid(), 0));
                int remove = Math.min(count, canRemove + unhealthy);
                canRemove -= Math.max(0, remove - unhealthy);
                if (remove > 0) {
                    scale(d, old, count - remove);
                }
            }
        }
        cleanupHistory(d, olds);
        writeStatus(d, newRs, owned, readyByRs, podsByRs, desired, unavailable, created, now);
    }

    private ReplicaSet newReplicaSet(Deployment d, String hash, long revision, int desired, int surge) {
        PodTemplateSpec template = Serialization.clone(d.getSpec().getTemplate());
        Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels() == null ? Map.of()
                : template.getMetadata().getLabels());
        labels.put(TemplateHash.LABEL, hash);
        template.getMetadata().setLabels(labels);
        Map<String, String> selector = new HashMap<>(d.getSpec().getSelector().getMatchLabels() == null ? Map.of()
                : d.getSpec().getSelector().getMatchLabels());
        selector.put(TemplateHash.LABEL, hash);
        return new ReplicaSetBuilder()
                .withNewMetadata()
                    .withName(d.getMetadata().getName() + "-" + hash)
                    .withNamespace(d.getMetadata().getNamespace())
                    .withLabels(labels)
                    .addToAnnotations(REVISION, String.valueOf(revision))
                    .addToAnnotations("deployment.kubernetes.io/desired-replicas", String.valueOf(desired))
                    .addToAnnotations("deployment.kubernetes.io/max-replicas", String.valueOf(desired + surge))
                    .withOwnerReferences(Owners.reference(d))
                .endMetadata()
                .withNewSpec()
                    .withReplicas(0)
                    .withSelector(new LabelSelectorBuilder().withMatchLabels(selector)
                            .withMatchExpressions(d.getSpec().getSelector().getMatchExpressions()).build())
                    .withTemplate(template)
                .endSpec()
                .build();
    }

    private void scale(Deployment d, ReplicaSet rs, int replicas) {
        int from = replicas(rs);
        if (from == replicas) {
            return;
        }
        rs.getSpec().setReplicas(replicas);
        if (rs.getMetadata().getAnnotations() != null) {
            rs.getMetadata().getAnnotations().put("deployment.kubernetes.io/desired-replicas",
                    String.valueOf(d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas()));
        }
        rs.getMetadata().setResourceVersion(null);
        client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).resource(rs).update();
        events.normal(d, COMPONENT, "ScalingReplicaSet", "Scaled " + (replicas > from ? "up" : "down") + " replica set "
                + rs.getMetadata().getName() + " from " + from + " to " + replicas);
    }

    private void cleanupHistory(Deployment d, List<ReplicaSet> olds) {
        int limit = d.getSpec().getRevisionHistoryLimit() == null ? 10 : d.getSpec().getRevisionHistoryLimit();
        List<ReplicaSet> idle = olds.stream().filter(rs -> replicas(rs) == 0 && rs.getStatus() != null
                && Objects.requireNonNullElse(rs.getStatus().getReplicas(), 0) == 0).toList();
        for (int i = 0; i < idle.size() - limit; i++) {
            client.apps().replicaSets().inNamespace(d.getMetadata().getNamespace()).withName(idle.get(i).getMetadata().getName()).delete();
        }
    }

    private void writeStatus(Deployment d, ReplicaSet newRs, List<ReplicaSet> owned, Map<String, Integer> readyByRs,
                             Map<String, Integer> podsByRs, int desired, int maxUnavailable, boolean created, Instant now) {
        int replicas = owned.stream().mapToInt(rs -> podsByRs.getOrDefault(rs.getMetadata().getUid(), 0)).sum();
        int updated = podsByRs.getOrDefault(newRs.getMetadata().getUid(), 0);
        int ready = readyByRs.values().stream().mapToInt(Integer::intValue).sum();
        DeploymentStatus old = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
        String stamp = now.truncatedTo(ChronoUnit.SECONDS).toString();
        boolean progressed = created || !Objects.equals(old.getReplicas(), replicas) || !Objects.equals(old.getUpdatedReplicas(), updated)
                || !Objects.equals(old.getReadyReplicas(), ready)
                || !Objects.equals(old.getObservedGeneration(), d.getMetadata().getGeneration());
        boolean complete = updated == desired && replicas == desired && ready == desired;
        String rsName = newRs.getMetadata().getName();
        DeploymentCondition available = ready >= desired - maxUnavailable
                ? condition(old, "Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", stamp, false)
                : condition(old, "Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", stamp, false);
        DeploymentCondition previous = find(old, "Progressing");
        DeploymentCondition progressing;
        long deadline = d.getSpec().getProgressDeadlineSeconds() == null ? 600 : d.getSpec().getProgressDeadlineSeconds();
        if (complete) {
            progressing = condition(old, "Progressing", "True", "NewReplicaSetAvailable",
                    "ReplicaSet \"" + rsName + "\" has successfully progressed.", stamp, progressed);
        } else if (progressed || previous == null || !rsMessage(previous, rsName)) {
            progressing = created
                    ? condition(old, "Progressing", "True", "NewReplicaSetCreated", "Created new replica set \"" + rsName + "\"", stamp, true)
                    : condition(old, "Progressing", "True", "ReplicaSetUpdated", "ReplicaSet \"" + rsName + "\" is progressing.", stamp, true);
        } else if ("True".equals(previous.getStatus()) && previous.getLastUpdateTime() != null
                && Instant.parse(previous.getLastUpdateTime()).plusSeconds(deadline).isBefore(now)) {
            progressing = condition(old, "Progressing", "False", "ProgressDeadlineExceeded",
                    "ReplicaSet \"" + rsName + "\" has timed out progressing.", stamp, true);
            events.warning(d, COMPONENT, "ProgressDeadlineExceeded", "Deployment \"" + d.getMetadata().getName()
                    + "\" exceeded its progress deadline");
        } else {
            progressing = previous;
        }
        DeploymentStatusBuilder status = new DeploymentStatusBuilder()
                .withObservedGeneration(d.getMetadata().getGeneration())
                .withReplicas(replicas).withUpdatedReplicas(updated).withReadyReplicas(ready).withAvailableReplicas(ready)
                .withConditions(available, progressing);
        if (desired - ready > 0) {
            status.withUnavailableReplicas(desired - ready);
        }
        DeploymentStatus next = status.build();
        if (Serialization.asJson(next).equals(Serialization.asJson(d.getStatus()))) {
            return;
        }
        d.setStatus(next);
        d.getMetadata().setResourceVersion(null);
        client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).resource(d).updateStatus();
    }

    private static boolean rsMessage(DeploymentCondition c, String rsName) {
        return c.getMessage() != null && c.getMessage().contains("\"" + rsName + "\"");
    }

    private static DeploymentCondition find(DeploymentStatus status, String type) {
        if (status.getConditions() == null) {
            return null;
        }
        return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    private static DeploymentCondition condition(DeploymentStatus old, String type, String status, String reason,
                                                 String message, String now, boolean touch) {
        DeploymentCondition previous = find(old, type);
        boolean same = previous != null && status.equals(previous.getStatus()) && reason.equals(previous.getReason())
                && message.equals(previous.getMessage());
        String transition = previous != null && status.equals(previous.getStatus()) ? previous.getLastTransitionTime() : now;
        String update = same && !touch ? previous.getLastUpdateTime() : now;
        return new DeploymentConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastTransitionTime(transition).withLastUpdateTime(update).build();
    }

    static long revision(ReplicaSet rs) {
        try {
            return Long.parseLong(annotation(rs, REVISION));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String annotation(io.fabric8.kubernetes.api.model.HasMetadata o, String key) {
        return o.getMetadata().getAnnotations() == null ? "" : o.getMetadata().getAnnotations().getOrDefault(key, "");
    }

    private static int replicas(ReplicaSet rs) {
        return rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
    }

    /** 25% of 3 is 1 when rounding up (maxSurge) and 0 when rounding down (maxUnavailable), as in Kubernetes. */
    static int resolve(IntOrString value, int desired, boolean roundUp) {
        if (value == null) {
            return resolve(new IntOrString("25%"), desired, roundUp);
        }
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        String s = value.getStrVal();
        if (s.endsWith("%")) {
            double v = Integer.parseInt(s.substring(0, s.length() - 1)) * desired / 100.0;
            return (int) (roundUp ? Math.ceil(v) : Math.floor(v));
        }
        return Integer.parseInt(s);
    }
}
