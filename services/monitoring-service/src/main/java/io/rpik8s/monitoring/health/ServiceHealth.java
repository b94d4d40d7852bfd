package io.rpik8s.monitoring.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The last probe of one platform service.
 *
 * @param name      service name (minio, postgresql, ...)
 * @param protocol  http, postgres or tcp
 * @param address   what was probed
 * @param up        whether the last probe succeeded
 * @param latencyMs how long the last probe took
 * @param checkedAt when it ran
 * @param lastError the last failure (kept after recovery, with {@code lastErrorAt})
 * @param lastErrorAt when that failure happened
 * @param installed  false for a service of the stack that this platform has no address for (never probed)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceHealth(String name, String protocol, String address, boolean up, long latencyMs,
        Instant checkedAt, String lastError, Instant lastErrorAt, boolean installed) {

    /** A service of the stack with no probe target: listed, so that a missing one is seen rather than left out. */
    public static ServiceHealth notInstalled(String name) {
        return new ServiceHealth(name, null, null, false, 0, null, null, null, false);
    }
}
