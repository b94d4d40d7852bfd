package io.rpik8s.dev.simcluster.controller;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** Writes core/v1 Events like the real controllers and kubelet do, aggregating repeats into a count. */
final class EventRecorder {

    private static final int MAX_EVENTS = 1500;

    private final KubernetesClient client;
    private final Map<String, Event> byKey = new HashMap<>();
    private final Deque<Event> order = new ArrayDeque<>();

    EventRecorder(KubernetesClient client) {
        this.client = client;
    }

    void normal(HasMetadata object, String component, String reason, String message) {
        record(object, component, "Normal", reason, message);
    }

    void warning(HasMetadata object, String component, String reason, String message) {
        record(object, component, "Warning", reason, message);
    }

    private void record(HasMetadata object, String component, String type, String reason, String message) {
        String namespace = object.getMetadata().getNamespace() == null ? "default" : object.getMetadata().getNamespace();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String key = object.getMetadata().getUid() + "|" + reason + "|" + message;
        try {
            Event existing = byKey.get(key);
            if (existing != null) {
                existing.setCount(existing.getCount() == null ? 2 : existing.getCount() + 1);
                existing.setLastTimestamp(now);
                existing.getMetadata().setResourceVersion(null);
                client.v1().events().inNamespace(namespace).resource(existing).update();
                return;
            }
            Event event = new EventBuilder()
                    .withNewMetadata()
                        .withName(object.getMetadata().getName() + "." + Long.toHexString(System.nanoTime()))
                        .withNamespace(namespace)
                        .addToLabels("rpi-k8s.io/simulated", "true")
                    .endMetadata()
                    .withNewInvolvedObject()
                        .withKind(object.getKind()).withApiVersion(object.getApiVersion())
                        .withName(object.getMetadata().getName()).withNamespace(object.getMetadata().getNamespace())
                        .withUid(object.getMetadata().getUid())
                        .withResourceVersion(object.getMetadata().getResourceVersion())
                    .endInvolvedObject()
                    .withType(type).withReason(reason).withMessage(message)
                    .withNewSource().withComponent(component).endSource()
                    .withReportingComponent(component).withReportingInstance(component + "-simulated")
                    .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                    .build();
            Event created = client.v1().events().inNamespace(namespace).resource(event).create();
            byKey.put(key, created);
            order.addLast(created);
            while (order.size() > MAX_EVENTS) {
                Event oldest = order.removeFirst();
                byKey.values().remove(oldest);
                client.v1().events().inNamespace(oldest.getMetadata().getNamespace())
                        .withName(oldest.getMetadata().getName()).delete();
            }
        } catch (KubernetesClientException e) {
            // Events are best effort, as on a real cluster (e.g. the namespace was just deleted).
            byKey.remove(key);
        }
    }
}
