package io.rpik8s.model.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The {@code endpoint} object of {@code webhook.endpoint_disabled}.
 *
 * @param id           endpoint id
 * @param url          endpoint URL
 * @param reason       why it was disabled ({@code gone}, {@code failing})
 * @param failingSince first failure of the current failing streak
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointPayload(String id, String url, String reason, Instant failingSince) {
}
