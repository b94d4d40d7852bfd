package io.rpik8s.deployment.history;

import java.time.OffsetDateTime;
import java.util.Map;

/** One audited change: who, when, what, result. */
public record AuditEntry(long id, OffsetDateTime at, String actor, String action, Map<String, Object> details,
        String result, String message) {
}
