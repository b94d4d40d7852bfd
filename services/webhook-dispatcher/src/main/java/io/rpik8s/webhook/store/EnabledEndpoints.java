package io.rpik8s.webhook.store;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The enabled endpoints, kept in memory between changes of the table so that recording a poll of events costs one
 * statement instead of two: a copy is used only while {@link EndpointChanges} listens and nothing has changed since it
 * was read (a read that a change overtook is not kept), so no event is matched, and no delivery signed, against an
 * endpoint that another dispatcher has changed, disabled or rotated after the notice of that change arrived.
 */
@ApplicationScoped
public class EnabledEndpoints {

    private record Copy(long generation, List<Endpoint> endpoints) {
    }

    private final EndpointStore store;
    private final EndpointChanges changes;
    private volatile Copy copy;

    public EnabledEndpoints(EndpointStore store, EndpointChanges changes) {
        this.store = store;
        this.changes = changes;
    }

    /** The enabled endpoints, ordered by id. */
    public Uni<List<Endpoint>> get() {
        Copy c = copy;
        long generation = changes.generation();
        if (c != null && c.generation() == generation && changes.listening()) {
            return Uni.createFrom().item(c.endpoints());
        }
        boolean keep = changes.listening();
        return store.listEnabled().invoke(endpoints -> {
            if (keep && changes.listening() && changes.generation() == generation) {
                copy = new Copy(generation, endpoints);
            }
        });
    }
}
