package io.rpik8s.model.plugin;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.function.Supplier;

/**
 * Runs a blocking call (Fabric8's client, JDBC, a file) on the worker pool and gives its result as a {@link Uni},
 * so that no plugin or service blocks the event loop. Part of the plugin SPI: an external plugin uses it as the
 * built-in ones do.
 */
public final class BlockingCalls {

    private BlockingCalls() {
    }

    /** {@code call} runs when the Uni is subscribed to, on a worker thread. */
    public static <T> Uni<T> call(Supplier<T> call) {
        return Uni.createFrom().item(call).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    public static Uni<Void> run(Runnable call) {
        return call(() -> {
            call.run();
            return null;
        });
    }
}
