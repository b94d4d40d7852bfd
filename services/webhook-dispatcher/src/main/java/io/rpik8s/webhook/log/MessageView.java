package io.rpik8s.webhook.log;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.List;

/** A message in the delivery log with the state of each of its deliveries (and attempts, for a single message). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageView(String id, String eventType, String namespace, Instant createdAt,
        @JsonRawValue String payload, List<DeliveryView> deliveries, List<AttemptView> attempts) {

    /** One endpoint's delivery of the message. */
    public record DeliveryView(String endpointId, String status, int attempts, Instant nextAttemptAt,
            Integer lastStatusCode, String lastError) {
    }
}
