package io.rpik8s.manifests;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parsing of rendered multi-document YAML and helpers shared by the policy checkers. */
final class Manifests {

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    private Manifests() {
    }

    /** Parses every document of a multi-document YAML stream into the Fabric8 model. */
    static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
            if (document.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
                continue;
            }
            Object parsed = Serialization.unmarshal(document);
            if (!(parsed instanceof HasMetadata object)) {
                throw new IllegalArgumentException("Not a Kubernetes object: " + document);
            }
            objects.add(object);
        }
        return objects;
    }

    /** "Kind namespace/name", the way every assertion message names an object. */
    static String id(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return object.getKind() + " " + (namespace == null ? "" : namespace + "/") + object.getMetadata().getName();
    }

    /** The pod template of a workload, if the object is one. */
    static Optional<PodTemplateSpec> podTemplate(HasMetadata object) {
        if (object instanceof Deployment d) {
            return Optional.ofNullable(d.getSpec().getTemplate());
        } else if (object instanceof StatefulSet s) {
            return Optional.ofNullable(s.getSpec().getTemplate());
        } else if (object instanceof DaemonSet ds) {
            return Optional.ofNullable(ds.getSpec().getTemplate());
        } else if (object instanceof ReplicaSet rs) {
            return Optional.ofNullable(rs.getSpec().getTemplate());
        } else if (object instanceof Job j) {
            return Optional.ofNullable(j.getSpec().getTemplate());
        } else if (object instanceof CronJob cj) {
            return Optional.ofNullable(cj.getSpec().getJobTemplate().getSpec().getTemplate());
        }
        return Optional.empty();
    }

    /** Run-to-completion workloads: probes make no sense for them. */
    static boolean isBatch(HasMetadata object) {
        return object instanceof Job || object instanceof CronJob;
    }
}
