package io.rpik8s.webhook.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Settings of the dispatcher, including the original framework's {@code WebhookSettings} (enabled, endpoints, secret). */
@ConfigMapping(prefix = "platform.webhooks")
public interface WebhookConfig {

    /** Whether events are fanned out at all (the original {@code WebhookSettings.enabled}); the API works either way. */
    @WithDefault("true")
    boolean enabled();

    /** Receiver URLs declared statically (the original {@code WebhookSettings.endpoints}), subscribed to every event. */
    Optional<List<String>> endpoints();

    /** The {@code whsec_} secret of the URLs in {@link #endpoints()} (the original {@code WebhookSettings.secret}). */
    Optional<String> secret();

    /** Named static endpoints with their own filters and secret, for clusters run from GitOps. */
    Map<String, StaticEndpoint> staticEndpoints();

    /** Default delays between attempts; attempt n+1 waits the n-th delay (with jitter). Spans over 72 hours. */
    @WithDefault("5s,5m,30m,2h,5h,10h,14h,20h,24h")
    List<Duration> retrySchedule();

    /** Relative jitter applied to each retry delay (0.2 = plus or minus 20 %). */
    @WithDefault("0.2")
    double retryJitter();

    /** Budgets of one attempt: this long to connect (TCP and TLS handshake), then this long for the answer. */
    @WithDefault("15s")
    Duration timeout();

    /** At most this many KiB of a receiver's response body are read (the rest is discarded by closing the connection). */
    @WithDefault("64")
    int responseReadLimitKib();

    /** A {@code Retry-After} (seconds or HTTP-date) asking for longer than this is capped to it. */
    @WithDefault("24h")
    Duration retryAfterMax();

    /** An endpoint that has failed without a single success for this long is disabled. */
    @WithDefault("5d")
    Duration disableAfter();

    /** Overlap during which the previous secret still signs after a rotation, unless the request says otherwise. */
    @WithDefault("24h")
    Duration rotationOverlap();

    /** Messages (and their attempts) are kept at least this long before the retention purge deletes them. */
    @WithDefault("30d")
    Duration retention();

    /**
     * This instance's name, unique among the running dispatchers and kept across restarts (the pod name): its Kafka
     * static membership and the owner of its leases, handed back at start.
     */
    @WithDefault("${HOSTNAME:local}")
    String instanceId();

    /** Delivery worker settings. */
    Worker worker();

    /** SSRF guard settings. */
    Ssrf ssrf();

    /** Circuit breaker settings. */
    Breaker circuitBreaker();

    /** One statically configured endpoint. */
    interface StaticEndpoint {
        /** Receiver URL. */
        String url();

        /** Event type filters, exact or wildcard ({@code deployment.*}, {@code *}). */
        @WithDefault("*")
        List<String> filters();

        /** {@code whsec_} signing secret; one is generated at start (and logged as masked) when absent. */
        Optional<String> secret();

        /** Description shown in the API. */
        Optional<String> description();
    }

    /** The PostgreSQL-backed delivery queue and the window of attempts in flight. */
    interface Worker {
        /**
         * How often the worker looks for due deliveries (retries, held-back ones) when nothing woke it up; at least
         * 1 s, the resolution of Quarkus' scheduler (which runs a shorter interval every second, with a warning).
         */
        @WithDefault("1s")
        Duration pollInterval();

        /** Attempts in flight at most, over all endpoints: a finished attempt frees its slot for the next one. */
        @WithDefault("64")
        int window();

        /** Attempts in flight at most to one endpoint, so that a slow receiver holds back only its own deliveries. */
        @WithDefault("32")
        int perEndpoint();

        /**
         * Deliveries leased ahead to one endpoint beyond its attempts in flight, waiting in memory for a slot: one lease
         * of many rows instead of one per freed slot. Their leases are renewed while they wait.
         */
        @WithDefault("96")
        int aheadPerEndpoint();

        /** Deliveries leased ahead at most, over all endpoints. */
        @WithDefault("256")
        int ahead();

        /**
         * Visibility timeout: a leased delivery whose worker died becomes due again after this. Default: twice the
         * attempt timeout (connect, then answer) plus 10 s, as an attempt never outlives its budgets.
         */
        Optional<Duration> lease();
    }

    /** Refuses deliveries to internal addresses. */
    interface Ssrf {
        /** Whether loopback addresses (127.0.0.0/8, ::1) are allowed; true only for local runs and tests. */
        @WithDefault("false")
        boolean allowLoopback();

        /** Loopback ports never delivered to even when loopback is allowed: the local run's own services. */
        Optional<List<Integer>> refusedLoopbackPorts();

        /** Hosts, IPs or CIDR ranges admitted despite being private, e.g. in-cluster services {@code 10.43.0.0/16}. */
        Optional<List<String>> allowList();
    }

    /** Per-endpoint circuit breaker. */
    interface Breaker {
        /** Consecutive failed attempts that open the breaker. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open breaker holds deliveries back before one trial attempt. */
        @WithDefault("30s")
        Duration openFor();
    }
}
