package io.rpik8s.deployment.rollout;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.quarkus.runtime.StartupEvent;
import io.rpik8s.deployment.change.Actions;
import io.rpik8s.deployment.change.ChangeRecorder;
import io.rpik8s.deployment.change.OwnChanges;
import io.rpik8s.deployment.kube.ClusterCache;
import io.rpik8s.deployment.kube.Revisions;
import io.rpik8s.deployment.kube.Workloads;
import io.rpik8s.model.events.DeploymentEvents;
import io.rpik8s.model.events.DeploymentPayload;
import io.rpik8s.model.events.PlatformEvent;
import io.rpik8s.model.plugin.AppLabels;
import io.rpik8s.model.plugin.AppRef;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Announces changes made to an app's Deployment, StatefulSet or CronJob outside the platform ({@code kubectl scale},
 * {@code set image}, {@code rollout undo}, {@code rollout restart}, {@code delete}) as the API would, with
 * {@code origin: cluster} and, where Kubernetes records it, who made them (the newest manager of the object's
 * managedFields). The platform's own changes, made by any replica, are left to the path that made them
 * ({@link OwnChanges}).
 *
 * <p>A rollback is recognised for Deployments, whose earlier templates the cached ReplicaSets keep; a StatefulSet's
 * {@code rollout undo} (ControllerRevisions, not cached) is announced as the update it is.
 */
@ApplicationScoped
public class ClusterChanges {

    private static final Logger LOG = Logger.getLogger(ClusterChanges.class);
    private static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    private static final String TEMPLATE_HASH = "pod-template-hash";

    private final ClusterCache cache;
    private final OwnChanges own;
    private final ChangeRecorder recorder;
    private final ObjectMapper mapper;

    public ClusterChanges(ClusterCache cache, OwnChanges own, ChangeRecorder recorder, ObjectMapper mapper) {
        this.cache = cache;
        this.own = own;
        this.recorder = recorder;
        this.mapper = mapper;
    }

    void register(@Observes @Priority(ClusterCache.START_PRIORITY - 1) StartupEvent event) {
        cache.deployments().listen(this::changed);
        cache.statefulSets().listen(this::changed);
        cache.cronJobs().listen(this::changed);
    }

    /** A new workload is not announced here (its creator does); a change or a deletion is. */
    void changed(HasMetadata before, HasMetadata after) {
        if (before == null) {
            return;
        }
        HasMetadata d = after != null ? after : before;
        AppRef app = new AppRef(d.getMetadata().getNamespace(), ClusterCache.appNameOf(d));
        if (after == null) {
            if (!own.isOwnDeletion(app, before)) {
                record(app, null, Actions.DELETE, Map.of(),
                        DeploymentEvents.deleted(payload(before), Workloads.replicas(before).orElse(null), null));
            }
            return;
        }
        if (own.isOwn(app, before, after)) {
            return;
        }
        String actor = managerOf(before, after);
        Optional<Integer> from = Workloads.replicas(before);
        Optional<Integer> to = Workloads.replicas(after);
        if (from.isPresent() && to.isPresent() && !from.equals(to)) {
            record(app, actor, Actions.SCALE, Map.of("replicas", to.get()),
                    DeploymentEvents.scaled(payload(after), from.get(), to.get(), actor));
        }
        Map<String, Object> was = template(Workloads.template(before).orElse(null));
        Map<String, Object> now = template(Workloads.template(after).orElse(null));
        if (was.equals(now)) {
            return;
        }
        if (without(was, RESTARTED_AT).equals(without(now, RESTARTED_AT))) {
            record(app, actor, Actions.RESTART, Map.of(), DeploymentEvents.restarted(payload(after), actor));
            return;
        }
        Optional<ReplicaSet> earlier = after instanceof Deployment deployment
                ? cache.replicaSetsOf(deployment).stream()
                        .filter(rs -> template(rs.getSpec().getTemplate()).equals(now))
                        .max(Comparator.comparingLong(Revisions::of))
                : Optional.empty();
        String image = Workloads.image(after);
        if (earlier.isPresent()) {
            long revision = Revisions.of(earlier.get());
            record(app, actor, Actions.ROLLBACK, Map.of("toRevision", revision),
                    DeploymentEvents.rolledBack(payload(after), revision, Workloads.image(before), actor));
        } else {
            record(app, actor, Actions.UPDATE, image == null ? Map.of() : Map.of("image", image),
                    DeploymentEvents.updated(payload(after), Workloads.image(before), actor));
        }
    }

    private void record(AppRef app, String actor, String action, Map<String, Object> details, PlatformEvent event) {
        recorder.succeeded(actor == null ? "cluster" : actor, app, action, details, event).subscribe().with(
                ok -> LOG.infof("%s of %s made outside the platform%s", action, app,
                        actor == null ? "" : " by " + actor),
                e -> LOG.warnf("Could not record the %s of %s made outside the platform: %s", action, app,
                        e.getMessage()));
    }

    private static DeploymentPayload payload(HasMetadata d) {
        return DeploymentPayload.app(ClusterCache.appNameOf(d), d.getMetadata().getNamespace(),
                Workloads.replicas(d).orElse(0), Workloads.image(d), AppLabels.pluginOf(d.getMetadata().getLabels()),
                DeploymentPayload.ORIGIN_CLUSTER);
    }

    /**
     * Who made the change from {@code before} to {@code after}: the writer whose managedFields entry this write added
     * or touched, else the newest writer Kubernetes recorded (kubectl names itself, e.g. {@code kubectl-set}), if any.
     * Status writers (the controllers) are left out: they change no spec, and entries of the same second tie.
     */
    static String managerOf(HasMetadata before, HasMetadata after) {
        var earlier = before.getMetadata().getManagedFields() == null ? List.<ManagedFieldsEntry>of()
                : before.getMetadata().getManagedFields();
        return newest(after, e -> !earlier.contains(e)).or(() -> newest(after, e -> true)).orElse(null);
    }

    private static Optional<String> newest(HasMetadata d, Predicate<ManagedFieldsEntry> filter) {
        var entries = d.getMetadata().getManagedFields();
        return entries == null ? Optional.empty() : entries.stream()
                .filter(e -> e.getManager() != null && e.getTime() != null)
                .filter(e -> !"status".equals(e.getSubresource())).filter(filter)
                .max(Comparator.comparing(ManagedFieldsEntry::getTime)).map(ManagedFieldsEntry::getManager);
    }

    /** A pod template as plain data, without the label the controller adds to its ReplicaSets' copies. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> template(PodTemplateSpec template) {
        if (template == null) {
            return Map.of();
        }
        Map<String, Object> data = mapper.convertValue(template, Map.class);
        Object metadata = data.get("metadata");
        if (metadata instanceof Map<?, ?> meta && meta.get("labels") instanceof Map<?, ?> labels) {
            Map<String, Object> copy = new java.util.TreeMap<>((Map<String, Object>) labels);
            copy.remove(TEMPLATE_HASH);
            ((Map<String, Object>) meta).put("labels", copy);
        }
        return data;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> without(Map<String, Object> template, String annotation) {
        Map<String, Object> copy = new java.util.HashMap<>(template);
        if (copy.get("metadata") instanceof Map<?, ?> meta) {
            Map<String, Object> metaCopy = new java.util.HashMap<>((Map<String, Object>) meta);
            if (metaCopy.get("annotations") instanceof Map<?, ?> annotations) {
                Map<String, Object> rest = new java.util.HashMap<>((Map<String, Object>) annotations);
                rest.remove(annotation);
                if (rest.isEmpty()) {
                    metaCopy.remove("annotations");
                } else {
                    metaCopy.put("annotations", rest);
                }
            }
            copy.put("metadata", metaCopy);
        }
        return copy;
    }
}
