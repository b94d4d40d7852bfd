package io.rpik8s.webhook.delivery;

import io.rpik8s.webhook.config.WebhookConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The slots of attempts in flight: at most {@code window} in all and {@code per-endpoint} to one endpoint. A slot is
 * taken before a delivery is leased (or recorded already leased) and given back when its outcome is recorded, so a
 * slow receiver fills only its own share and every other endpoint keeps flowing.
 */
@ApplicationScoped
public class DeliveryWindow {

    private final int size;
    private final int perEndpoint;
    private final Map<String, Integer> byEndpoint = new HashMap<>();
    private int inFlight;

    @Inject
    public DeliveryWindow(WebhookConfig config) {
        this(config.worker().window(), config.worker().perEndpoint());
    }

    DeliveryWindow(int size, int perEndpoint) {
        this.size = size;
        this.perEndpoint = Math.min(perEndpoint, size);
    }

    /** Takes a slot for an attempt to {@code endpointId}; false when the window or the endpoint's share is full. */
    public synchronized boolean tryTake(String endpointId) {
        int mine = byEndpoint.getOrDefault(endpointId, 0);
        if (inFlight >= size || mine >= perEndpoint) {
            return false;
        }
        byEndpoint.put(endpointId, mine + 1);
        inFlight++;
        return true;
    }

    /** Gives a slot back. */
    public synchronized void release(String endpointId) {
        Integer mine = byEndpoint.get(endpointId);
        if (mine == null) {
            return;
        }
        if (mine <= 1) {
            byEndpoint.remove(endpointId);
        } else {
            byEndpoint.put(endpointId, mine - 1);
        }
        inFlight--;
    }

    /** Attempts in flight to one endpoint. */
    public synchronized int inFlight(String endpointId) {
        return byEndpoint.getOrDefault(endpointId, 0);
    }

    public synchronized int free() {
        return size - inFlight;
    }

    public int size() {
        return size;
    }

    public int perEndpoint() {
        return perEndpoint;
    }

    /** The endpoints with attempts in flight and how many, for the lease to take only what fits their shares. */
    public synchronized Busy busy() {
        List<String> ids = List.copyOf(byEndpoint.keySet());
        return new Busy(ids, ids.stream().map(byEndpoint::get).toList());
    }

    /**
     * Endpoints with attempts in flight.
     *
     * @param endpointIds the endpoints
     * @param inFlight    attempts in flight to each, in the same order
     */
    public record Busy(List<String> endpointIds, List<Integer> inFlight) {
    }
}
