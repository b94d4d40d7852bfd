package io.rpik8s.model.plugin.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;

/**
 * Read-modify-write against the API server, repeated when the object changed in between (client-go's
 * {@code retry.RetryOnConflict}): a controller updating a Deployment's status bumps its resourceVersion, and a
 * scale or restart computed from a fresh read is still what the caller asked for.
 */
public final class Conflicts {

    /** Attempts before the conflict is reported; each one re-reads the object. */
    static final int ATTEMPTS = 5;

    private Conflicts() {
    }

    public static <T> T retry(Supplier<T> readModifyWrite) {
        for (int attempt = 1; ; attempt++) {
            try {
                return readModifyWrite.get();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
