package io.rpik8s.deployment.kube;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.function.Supplier;

/** Runs blocking Fabric8 calls on the worker pool, never on the event loop. */
public final class KubeCalls {

    private KubeCalls() {
    }

    /** Fabric8's client blocks on HTTP, so each call is subscribed on a worker thread. */
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
