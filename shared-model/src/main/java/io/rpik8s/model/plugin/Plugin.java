package io.rpik8s.model.plugin;

import io.smallrye.mutiny.Uni;

/**
 * Base of every management plugin, as in the original framework: a name, and a life cycle tied to the service
 * that hosts it. Plugins are CDI beans; the host discovers them at start-up, calls {@link #initialize()} before
 * routing any request to them and {@link #shutdown()} when it stops.
 */
public interface Plugin {

    /** Unique, stable name (a DNS-1123 label), e.g. {@code container}. */
    String name();

    /** One-line description shown by {@code GET /api/v1/plugins}. */
    default String description() {
        return name();
    }

    /** Prepares the plugin; a failure marks the plugin unavailable, it does not stop the service. */
    default Uni<Void> initialize() {
        return Uni.createFrom().voidItem();
    }

    /** Releases what {@link #initialize()} acquired. */
    default Uni<Void> shutdown() {
        return Uni.createFrom().voidItem();
    }
}
