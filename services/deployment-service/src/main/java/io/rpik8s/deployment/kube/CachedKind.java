package io.rpik8s.deployment.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.rpik8s.commons.kube.InformerChanges;
import io.rpik8s.model.plugin.AppUnavailableException;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/** One kind of object in the cluster cache: its informer per namespace, lookups, and change listeners. */
public final class CachedKind<T extends HasMetadata> {

    /** How long a caller waits for an object it just wrote to reach the cache before it reads it from the API. */
    static final Duration ARRIVAL = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(CachedKind.class);

    private final String kind;
    private final Map<String, SharedIndexInformer<T>> informers = new ConcurrentHashMap<>();
    private final List<InformerChanges.Listener<T>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, List<CompletableFuture<Void>>> arrivals = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();

    CachedKind(String kind) {
        this.kind = kind;
    }

    void start(String namespace, SharedIndexInformer<T> informer) {
        informer.addEventHandler(InformerChanges.handler(this::changed));
        informers.put(namespace, informer);
        // Retry the first list too (Fabric8 gives up on it by default): an API server slow or down at start must
        // delay the cache, not leave it empty for the life of the service.
        informer.exceptionHandler((started, failure) -> true);
        try {
            informer.start();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not start the %s informer of namespace %s", kind, namespace);
        }
    }

    void stop() {
        informers.values().forEach(SharedIndexInformer::stop);
    }

    /** Called for every later change of this kind, in the informer's thread; register before the cache starts. */
    public void listen(InformerChanges.Listener<T> listener) {
        listeners.add(listener);
    }

    public Optional<T> get(String namespace, String name) {
        return Optional.ofNullable(synced(namespace).getStore().getByKey(namespace + "/" + name));
    }

    public List<T> list(String namespace) {
        return synced(namespace).getStore().list();
    }

    /** Objects of this kind in every managed namespace (none of a namespace whose first list is still pending). */
    public List<T> all() {
        List<T> all = new ArrayList<>();
        informers.values().stream().filter(SharedIndexInformer::hasSynced).forEach(i -> all.addAll(i.getStore().list()));
        return all;
    }

    /**
     * Completes once {@code namespace/name} is in the cache, e.g. right after this service created it; after
     * {@link #ARRIVAL} it completes anyway (the caller then sees what the cache has).
     */
    public Uni<Void> arrival(String namespace, String name) {
        String key = namespace + "/" + name;
        CompletableFuture<Void> arrived = new CompletableFuture<>();
        arrivals.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(arrived);
        SharedIndexInformer<T> informer = informers.get(namespace);
        if (informer != null && informer.getStore().getByKey(key) != null) {
            arrived.complete(null);
        }
        return Uni.createFrom().completionStage(arrived).ifNoItem().after(ARRIVAL).recoverWithItem(() -> null)
                .eventually(() -> arrivals.computeIfPresent(key, (k, waiting) -> {
                    waiting.remove(arrived);
                    return waiting.isEmpty() ? null : waiting;
                }));
    }

    /**
     * A number that grows with every change the informers report, before the change's listeners and arrivals hear
     * of it: what was computed from the cache at one count holds until the count moves.
     */
    public long changes() {
        return changes.get();
    }

    private void changed(T before, T after) {
        changes.incrementAndGet();
        if (after != null) {
            List<CompletableFuture<Void>> waiting = arrivals.get(after.getMetadata().getNamespace() + "/"
                    + after.getMetadata().getName());
            if (waiting != null) {
                waiting.forEach(f -> f.complete(null));
            }
        }
        for (var listener : listeners) {
            try {
                listener.changed(before, after);
            } catch (RuntimeException e) {
                LOG.warnf(e, "A listener of %s changes failed", kind);
            }
        }
    }

    /** The namespace's informer once it has listed; before that the cache cannot answer for it. */
    private SharedIndexInformer<T> synced(String namespace) {
        SharedIndexInformer<T> informer = informers.get(namespace);
        if (informer == null || !informer.hasSynced()) {
            throw new AppUnavailableException("The Kubernetes API cannot be reached: the cache of " + kind
                    + "s in namespace " + namespace + " has not loaded yet", 5, null);
        }
        return informer;
    }
}
