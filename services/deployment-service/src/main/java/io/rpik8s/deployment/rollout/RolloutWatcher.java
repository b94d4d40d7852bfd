package io.rpik8s.deployment.rollout;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.runtime.StartupEvent;
import io.rpik8s.deployment.change.AppChanges;
import io.rpik8s.deployment.kube.ClusterCache;
import io.rpik8s.model.events.DeploymentEvents;
import io.rpik8s.model.events.DeploymentPayload;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.PlatformEvent;
import io.rpik8s.model.plugin.AppLabels;
import io.rpik8s.model.plugin.kube.Rollouts;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Watches the Deployments and pods of the managed namespaces through the cluster cache, so rollouts started anywhere
 * (API, PlatformApp, kubectl) announce {@code deployment.ready} or {@code deployment.failed} once per revision,
 * named after the app the Deployment belongs to.
 */
@ApplicationScoped
public class RolloutWatcher {

    private static final Logger LOG = Logger.getLogger(RolloutWatcher.class);
    private static final String READY = "ready";
    private static final String FAILED = "failed";

    private final ClusterCache cache;
    private final RolloutOutcomes outcomes;

    public RolloutWatcher(ClusterCache cache, RolloutOutcomes outcomes) {
        this.cache = cache;
        this.outcomes = outcomes;
    }

    /** Listens before the cache starts, so Deployments that exist already are judged too. */
    void register(@Observes @Priority(ClusterCache.START_PRIORITY - 1) StartupEvent event) {
        cache.deployments().listen((before, after) -> {
            if (after != null) {
                evaluate(after);
            }
        });
        cache.pods().listen((before, after) -> {
            if (after != null) {
                podChanged(after);
            }
        });
    }

    /** Decides whether the Deployment's current revision has succeeded or failed, and announces it. */
    void evaluate(Deployment d) {
        List<Pod> pods = cache.podsOf(d);
        long revision = Rollouts.revisionOf(d);
        var deadline = Rollouts.deadlineExceeded(d);
        var failingPod = Rollouts.failingPod(pods);
        if (deadline.isPresent()) {
            announce(d, revision, FAILED, DeploymentEvents.failed(payload(d), revision, Rollouts.ready(d),
                    "ProgressDeadlineExceeded",
                    Objects.requireNonNullElse(deadline.get().getMessage(), "progress deadline exceeded")));
        } else if (failingPod.isPresent()) {
            announce(d, revision, FAILED, DeploymentEvents.failed(payload(d), revision, Rollouts.ready(d),
                    failingPod.get()[0], failingPod.get()[1]));
        } else if (Rollouts.isComplete(d)) {
            announce(d, revision, READY, DeploymentEvents.ready(payload(d), revision, Rollouts.ready(d)));
        }
    }

    private void podChanged(Pod pod) {
        if (Rollouts.failingPod(List.of(pod)).isEmpty()) {
            return;
        }
        Map<String, String> labels = pod.getMetadata().getLabels();
        for (Deployment d : cache.deployments().list(pod.getMetadata().getNamespace())) {
            var selector = d.getSpec().getSelector() == null ? null : d.getSpec().getSelector().getMatchLabels();
            if (selector != null && !selector.isEmpty() && labels != null
                    && labels.entrySet().containsAll(selector.entrySet())) {
                evaluate(d);
            }
        }
    }

    /** The app the Deployment belongs to (its app label, as a manifest app's Deployments carry), as it runs now. */
    private static DeploymentPayload payload(Deployment d) {
        return DeploymentPayload.app(ClusterCache.appNameOf(d), d.getMetadata().getNamespace(), Rollouts.desired(d),
                Rollouts.image(d), AppLabels.pluginOf(d.getMetadata().getLabels()), DeploymentPayload.ORIGIN_CLUSTER);
    }

    private void announce(Deployment d, long revision, String outcome, PlatformEvent data) {
        String type = data.event();
        EventEnvelope event = EventEnvelope.of(AppChanges.SERVICE, data);
        outcomes.announceOnce(d.getMetadata().getUid(), revision, outcome, d.getMetadata().getNamespace(),
                        d.getMetadata().getName(), event)
                .subscribe().with(
                        emitted -> {
                            if (emitted) {
                                LOG.infof("%s/%s revision %d: %s", d.getMetadata().getNamespace(),
                                        d.getMetadata().getName(), revision, type);
                            }
                        },
                        e -> LOG.warnf("Could not record %s of %s/%s: %s", type, d.getMetadata().getNamespace(),
                                d.getMetadata().getName(), e.getMessage()));
    }
}
