package io.rpik8s.model.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The {@code app} object of {@code app.health_reported} and {@code app.custom}: what an app said about itself through
 * its platform sidecar. The platform fills name, namespace and pod from the sidecar's reviewed service-account token,
 * never from what the app sends.
 *
 * @param name      the app
 * @param namespace its namespace
 * @param pod       the pod whose sidecar reported
 * @param status    {@code app.health_reported}: {@code healthy}, {@code degraded} or {@code unhealthy}
 * @param message   {@code app.health_reported}: the app's own words, optional
 * @param type      {@code app.custom}: the app's own event name, e.g. {@code order.shipped}
 * @param data      {@code app.custom}: the app's own JSON object, optional
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppPayload(
        String name,
        String namespace,
        String pod,
        String status,
        String message,
        String type,
        Map<String, Object> data) {

    public static final String HEALTHY = "healthy";
    public static final String DEGRADED = "degraded";
    public static final String UNHEALTHY = "unhealthy";

    public static AppPayload health(String name, String namespace, String pod, String status, String message) {
        return new AppPayload(name, namespace, pod, status, message, null, null);
    }

    public static AppPayload custom(String name, String namespace, String pod, String type, Map<String, Object> data) {
        return new AppPayload(name, namespace, pod, null, null, type, data);
    }
}
