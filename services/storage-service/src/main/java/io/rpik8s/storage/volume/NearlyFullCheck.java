package io.rpik8s.storage.volume;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.scheduler.Scheduled;
import io.rpik8s.commons.kube.ManagedNamespaces;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.model.events.PlatformEvent;
import io.rpik8s.model.events.VolumePayload;
import io.rpik8s.storage.audit.ChangeRecorder;
import io.rpik8s.storage.config.StorageConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Emits {@code volume.nearly_full} once per crossing of the threshold: the crossing is remembered in
 * {@code volume_nearly_full} (in the event's transaction), and forgotten when usage falls below again.
 */
@ApplicationScoped
public class NearlyFullCheck {

    private final VolumeUsage usage;
    private final StorageConfig config;
    private final ManagedNamespaces namespaces;
    private final Pool pool;
    private final ChangeRecorder changes;

    public NearlyFullCheck(VolumeUsage usage, StorageConfig config, ManagedNamespaces namespaces, Pool pool,
            ChangeRecorder changes) {
        this.usage = usage;
        this.config = config;
        this.namespaces = namespaces;
        this.pool = pool;
        this.changes = changes;
    }

    @Scheduled(every = "${platform.storage.volumes.check-every}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithSpan("NearlyFullCheck.check")
    public Uni<Void> check() {
        double threshold = config.volumes().nearlyFullPercent();
        return Uni.combine().all().unis(usage.all(), above()).asTuple().chain(t -> {
            Map<String, VolumeUsage.Usage> now = t.getItem1();
            Set<String> known = t.getItem2();
            return Multi.createFrom().iterable(now.entrySet())
                    .filter(e -> namespaces.contains(e.getKey().split("/", 2)[0]))
                    .onItem().transformToUniAndConcatenate(e -> {
                        boolean full = e.getValue().percent() >= threshold;
                        if (full && !known.contains(e.getKey())) {
                            return crossed(e.getKey(), e.getValue());
                        }
                        if (!full && known.contains(e.getKey())) {
                            return rearm(e.getKey());
                        }
                        return Uni.createFrom().voidItem();
                    })
                    .collect().last().replaceWithVoid();
        });
    }

    private Uni<Set<String>> above() {
        return pool.query("SELECT namespace, name FROM volume_nearly_full").execute().map(rows -> {
            Set<String> keys = new HashSet<>();
            rows.forEach(r -> keys.add(r.getString("namespace") + "/" + r.getString("name")));
            return keys;
        });
    }

    private Uni<Void> crossed(String key, VolumeUsage.Usage u) {
        String[] nsName = key.split("/", 2);
        VolumePayload payload = new VolumePayload(nsName[1], nsName[0], null, null, null, u.usedBytes(),
                u.capacityBytes(), u.percent());
        return changes.record(PlatformEvent.volume(EventTypes.VOLUME_NEARLY_FULL, payload, null),
                tx -> tx.preparedQuery("INSERT INTO volume_nearly_full (namespace, name) VALUES ($1, $2)")
                        .execute(Tuple.of(nsName[0], nsName[1])).replaceWithVoid());
    }

    private Uni<Void> rearm(String key) {
        String[] nsName = key.split("/", 2);
        return pool.preparedQuery("DELETE FROM volume_nearly_full WHERE namespace = $1 AND name = $2")
                .execute(Tuple.of(nsName[0], nsName[1])).replaceWithVoid();
    }
}
