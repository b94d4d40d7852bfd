package io.rpik8s.deployment.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.rpik8s.model.plugin.kube.Rollouts;
import java.util.Optional;

/** What the platform reads alike in the three kinds an app runs as: Deployments, StatefulSets and CronJobs. */
public final class Workloads {

    private Workloads() {
    }

    public static boolean isWorkload(HasMetadata o) {
        return o instanceof Deployment || o instanceof StatefulSet || o instanceof CronJob;
    }

    /** The pod template a change of the app edits (a CronJob's is inside its job template). */
    public static Optional<PodTemplateSpec> template(HasMetadata o) {
        if (o instanceof Deployment d && d.getSpec() != null) {
            return Optional.ofNullable(d.getSpec().getTemplate());
        }
        if (o instanceof StatefulSet s && s.getSpec() != null) {
            return Optional.ofNullable(s.getSpec().getTemplate());
        }
        if (o instanceof CronJob c && c.getSpec() != null && c.getSpec().getJobTemplate() != null
                && c.getSpec().getJobTemplate().getSpec() != null) {
            return Optional.ofNullable(c.getSpec().getJobTemplate().getSpec().getTemplate());
        }
        return Optional.empty();
    }

    /** The replicas asked for (1 when unset, as the API server defaults it); empty for a CronJob, which has none. */
    public static Optional<Integer> replicas(HasMetadata o) {
        if (o instanceof Deployment d && d.getSpec() != null) {
            return Optional.of(Rollouts.desired(d));
        }
        if (o instanceof StatefulSet s && s.getSpec() != null) {
            return Optional.of(s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas());
        }
        return Optional.empty();
    }

    /** The image of the pod template's first container: what the platform calls the app's image. */
    public static String image(HasMetadata o) {
        return template(o).map(PodTemplateSpec::getSpec).filter(s -> s.getContainers() != null
                && !s.getContainers().isEmpty()).map(s -> s.getContainers().get(0).getImage()).orElse(null);
    }
}
