package io.rpik8s.examples.events.board;

import io.rpik8s.model.events.DeploymentPayload;
import io.rpik8s.model.events.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

/** The apps' latest state, built from deployment events; each event id counts once, however often it arrives. */
@ApplicationScoped
public class AppBoard {

    private static final int REMEMBERED_IDS = 10_000;

    private final Map<String, AppState> apps = new ConcurrentSkipListMap<>();
    // tag::idempotency[]
    /** Ids of the events already applied (delivery is at least once): the newest 10 000, oldest dropped first. */
    private final Set<String> applied = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_IDS;
        }
    });

    /** Applies a deployment event unless its id was applied before; answers whether it changed anything. */
    public synchronized boolean apply(EventEnvelope event, String traceId) {
        DeploymentPayload deployment = event.data().deployment();
        if (deployment == null || !applied.add(event.id())) {
            return false;
        }
        String key = deployment.namespace() + "/" + deployment.name();
        AppState before = apps.get(key);
        apps.put(key, new AppState(deployment.namespace(), deployment.name(), event.type(),
                deployment.image() != null ? deployment.image() : before == null ? null : before.image(),
                deployment.replicas() != null ? deployment.replicas() : before == null ? null : before.replicas(),
                event.time(), traceId, before == null ? 1 : before.events() + 1));
        return true;
    }
    // end::idempotency[]

    public List<AppState> all() {
        return List.copyOf(apps.values());
    }

    public Optional<AppState> get(String namespace, String name) {
        return Optional.ofNullable(apps.get(namespace + "/" + name));
    }
}
