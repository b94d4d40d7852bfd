package io.rpik8s.webhook.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deliveries leased to this instance that wait in memory for a slot of the window, in lease order per endpoint: a
 * freed slot goes to the next of them at once, and the lease query runs once for many deliveries instead of once per
 * slot. Bounded per endpoint and in all; each entry remembers when its lease was last taken so that it is renewed
 * before it runs out.
 */
final class LeasedAhead {

    /** A waiting delivery and when (System.nanoTime) its lease was taken or last renewed. */
    private record Entry(DueDelivery delivery, long leasedAt) {
    }

    private final int perEndpoint;
    private final int size;
    private final Map<String, ArrayDeque<Entry>> byEndpoint = new LinkedHashMap<>();
    private final java.util.Set<Long> ids = new java.util.HashSet<>();
    private int count;

    LeasedAhead(int size, int perEndpoint) {
        this.size = size;
        this.perEndpoint = Math.min(perEndpoint, size);
    }

    int perEndpoint() {
        return perEndpoint;
    }

    synchronized int room() {
        return size - count;
    }

    synchronized int waiting(String endpointId) {
        ArrayDeque<Entry> q = byEndpoint.get(endpointId);
        return q == null ? 0 : q.size();
    }

    /** Deliveries waiting, per endpoint. */
    synchronized Map<String, Integer> counts() {
        Map<String, Integer> n = new java.util.HashMap<>();
        byEndpoint.forEach((id, q) -> n.put(id, q.size()));
        return n;
    }

    /** Whether a delivery is waiting here. */
    synchronized boolean contains(long deliveryId) {
        return ids.contains(deliveryId);
    }

    synchronized void add(DueDelivery d, long leasedAt) {
        ids.add(d.id());
        byEndpoint.computeIfAbsent(d.endpoint().id(), id -> new ArrayDeque<>()).add(new Entry(d, leasedAt));
        count++;
    }

    /** The next waiting delivery to an endpoint for which {@code slot} takes a slot, endpoints in turn; null if none. */
    synchronized DueDelivery next(java.util.function.Predicate<String> slot) {
        Iterator<Map.Entry<String, ArrayDeque<Entry>>> it = byEndpoint.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, ArrayDeque<Entry>> e = it.next();
            if (slot.test(e.getKey())) {
                Entry first = e.getValue().poll();
                ids.remove(first.delivery().id());
                count--;
                it.remove();
                if (!e.getValue().isEmpty()) {
                    byEndpoint.put(e.getKey(), e.getValue()); // to the back: endpoints take turns
                }
                return first.delivery();
            }
        }
        return null;
    }

    /** Removes and answers every delivery waiting for an endpoint. */
    synchronized List<DueDelivery> removeAll(String endpointId) {
        ArrayDeque<Entry> q = byEndpoint.remove(endpointId);
        if (q == null) {
            return List.of();
        }
        count -= q.size();
        q.forEach(e -> ids.remove(e.delivery().id()));
        return q.stream().map(Entry::delivery).toList();
    }

    /** Takes every waiting delivery out, whatever its endpoint. */
    synchronized List<DueDelivery> removeEverything() {
        List<DueDelivery> all = new ArrayList<>();
        byEndpoint.values().forEach(q -> q.forEach(e -> all.add(e.delivery())));
        byEndpoint.clear();
        ids.clear();
        count = 0;
        return all;
    }

    /** The deliveries whose lease was taken before {@code before} (nanoTime): the ones to renew now. */
    synchronized List<Long> leasedBefore(long before) {
        List<Long> ids = new ArrayList<>();
        byEndpoint.values().forEach(q -> q.forEach(e -> {
            if (e.leasedAt() - before < 0) {
                ids.add(e.delivery().id());
            }
        }));
        return ids;
    }

    /** After a renewal: the renewed ones count from {@code at}; the others (lease lost) are dropped. */
    synchronized void renewed(List<Long> asked, Set<Long> renewed, long at) {
        Set<Long> askedIds = Set.copyOf(asked);
        for (Iterator<ArrayDeque<Entry>> qs = byEndpoint.values().iterator(); qs.hasNext(); ) {
            ArrayDeque<Entry> q = qs.next();
            ArrayDeque<Entry> kept = new ArrayDeque<>(q.size());
            for (Entry e : q) {
                long id = e.delivery().id();
                if (!askedIds.contains(id)) {
                    kept.add(e);
                } else if (renewed.contains(id)) {
                    kept.add(new Entry(e.delivery(), at));
                } else {
                    ids.remove(id);
                    count--;
                }
            }
            q.clear();
            q.addAll(kept);
            if (q.isEmpty()) {
                qs.remove();
            }
        }
    }
}
