package io.rpik8s.webhook.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Token bucket per endpoint: at most {@code ratePerSecond} attempts a second, bursts up to one second's worth. */
@ApplicationScoped
public class RateLimiter {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Takes a token; false when the endpoint's rate is used up (the delivery is postponed, not attempted). */
    public boolean tryAcquire(String endpointId, Integer ratePerSecond, long nowNanos) {
        if (ratePerSecond == null) {
            return true;
        }
        Bucket b = buckets.computeIfAbsent(endpointId, id -> new Bucket(ratePerSecond, nowNanos));
        synchronized (b) {
            double refill = (nowNanos - b.updated) / 1e9 * ratePerSecond;
            b.tokens = Math.min(ratePerSecond, b.tokens + refill);
            b.updated = nowNanos;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return true;
            }
            return false;
        }
    }

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }
}
