package io.rpik8s.deployment.rollout;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.rpik8s.deployment.change.DeploymentService;
import io.rpik8s.deployment.config.DeploymentsConfig;
import io.rpik8s.deployment.kube.Rollouts;
import io.rpik8s.deployment.status.DeploymentInspector;
import io.rpik8s.model.events.DeploymentPayload;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.model.events.PlatformEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Watches Deployments and their pods in the managed namespaces with shared informers, so rollouts started anywhere
 * (API, PlatformApp, kubectl) announce {@code deployment.ready} or {@code deployment.failed} once per revision.
 */
@ApplicationScoped
public class RolloutWatcher {

    private static final Logger LOG = Logger.getLogger(RolloutWatcher.class);

    private final KubernetesClient client;
    private final DeploymentsConfig config;
    private final RolloutOutcomes outcomes;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private final List<SharedIndexInformer<Deployment>> deploymentInformers = new ArrayList<>();
    private final List<SharedIndexInformer<Pod>> podInformers = new ArrayList<>();

    public RolloutWatcher(KubernetesClient client, DeploymentsConfig config, RolloutOutcomes outcomes) {
        this.client = client;
        this.config = config;
        this.outcomes = outcomes;
    }

    void start(@Observes StartupEvent event) {
        long resync = config.informerResyncSeconds() * 1000L;
        for (String namespace : config.managedNamespaces()) {
            try {
                var pods = client.pods().inNamespace(namespace).runnableInformer(resync);
                pods.addEventHandler(handler(this::podChanged));
                var deployments = client.apps().deployments().inNamespace(namespace).runnableInformer(resync);
                deployments.addEventHandler(handler(this::evaluate));
                podInformers.add(pods);
                deploymentInformers.add(deployments);
                informers.add(pods);
                informers.add(deployments);
                // start without waiting for the first list: the service must come up even while the API is down
                pods.start();
                deployments.start();
            } catch (RuntimeException e) {
                LOG.warnf(e, "Could not start the rollout informers for namespace %s", namespace);
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        informers.forEach(SharedIndexInformer::stop);
    }

    /** Decides whether the Deployment's current revision has succeeded or failed, and announces it. */
    void evaluate(Deployment d) {
        List<Pod> pods = podsOf(d);
        long revision = Rollouts.revisionOf(d);
        var deadline = Rollouts.deadlineExceeded(d);
        var failingPod = Rollouts.failingPod(pods);
        if (deadline.isPresent()) {
            announce(d, revision, "failed", EventTypes.DEPLOYMENT_FAILED, "ProgressDeadlineExceeded",
                    Objects.requireNonNullElse(deadline.get().getMessage(), "progress deadline exceeded"));
        } else if (failingPod.isPresent()) {
            announce(d, revision, "failed", EventTypes.DEPLOYMENT_FAILED, failingPod.get()[0], failingPod.get()[1]);
        } else if (Rollouts.isComplete(d)) {
            announce(d, revision, "ready", EventTypes.DEPLOYMENT_READY, null, null);
        }
    }

    private void podChanged(Pod pod) {
        if (Rollouts.failingPod(List.of(pod)).isEmpty()) {
            return;
        }
        Map<String, String> labels = pod.getMetadata().getLabels();
        for (var informer : deploymentInformers) {
            for (Deployment d : informer.getStore().list()) {
                var selector = d.getSpec().getSelector() == null ? null : d.getSpec().getSelector().getMatchLabels();
                if (Objects.equals(d.getMetadata().getNamespace(), pod.getMetadata().getNamespace())
                        && selector != null && !selector.isEmpty() && labels != null
                        && labels.entrySet().containsAll(selector.entrySet())) {
                    evaluate(d);
                }
            }
        }
    }

    private List<Pod> podsOf(Deployment d) {
        var selector = d.getSpec().getSelector() == null ? null : d.getSpec().getSelector().getMatchLabels();
        if (selector == null || selector.isEmpty()) {
            return List.of();
        }
        List<Pod> pods = new ArrayList<>();
        for (var informer : podInformers) {
            for (Pod p : informer.getStore().list()) {
                var labels = p.getMetadata().getLabels();
                if (Objects.equals(p.getMetadata().getNamespace(), d.getMetadata().getNamespace()) && labels != null
                        && labels.entrySet().containsAll(selector.entrySet())) {
                    pods.add(p);
                }
            }
        }
        return pods;
    }

    private void announce(Deployment d, long revision, String outcome, String type, String reason, String message) {
        var payload = new DeploymentPayload(d.getMetadata().getName(), d.getMetadata().getNamespace(),
                Rollouts.desired(d), DeploymentInspector.mainContainer(d).getImage(), DeploymentInspector.pluginOf(d),
                revision, null, null, Rollouts.ready(d), reason, message, "cluster");
        EventEnvelope event = EventEnvelope.of(DeploymentService.SERVICE, PlatformEvent.deployment(type, payload, null));
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

    private static <T> ResourceEventHandler<T> handler(java.util.function.Consumer<T> onChange) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                onChange.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                onChange.accept(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                // a deleted Deployment has no rollout left to announce
            }
        };
    }
}
