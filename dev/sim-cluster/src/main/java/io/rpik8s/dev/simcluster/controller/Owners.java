package io.rpik8s.dev.simcluster.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Owner references and readiness helpers shared by the simulated controllers. */
final class Owners {

    private Owners() {
    }

    static Optional<OwnerReference> controller(HasMetadata object) {
        if (object.getMetadata().getOwnerReferences() == null) {
            return Optional.empty();
        }
        return object.getMetadata().getOwnerReferences().stream()
                .filter(r -> Boolean.TRUE.equals(r.getController())).findFirst();
    }

    /** Objects by the uid of their controller, for one lookup per owner instead of a scan of all objects. */
    static <T extends HasMetadata> Map<String, List<T>> byController(List<T> objects) {
        Map<String, List<T>> owned = new HashMap<>();
        for (T object : objects) {
            controller(object).ifPresent(r -> owned.computeIfAbsent(r.getUid(), uid -> new ArrayList<>()).add(object));
        }
        return owned;
    }

    static OwnerReference reference(HasMetadata owner) {
        return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    static boolean ready(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition c : pod.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }

    static boolean active(HasMetadata object) {
        return object.getMetadata().getDeletionTimestamp() == null;
    }
}
