package io.rpik8s.webhook.endpoint;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * Registration or full update of an endpoint.
 *
 * @param url                where to POST events (http or https)
 * @param description        free text
 * @param filterTypes        event types, exact or wildcard; default {@code ["*"]}
 * @param namespacesInclude  namespace patterns to include; empty means all
 * @param namespacesExclude  namespace patterns to exclude
 * @param headers            extra headers sent with every delivery
 * @param rateLimitPerSecond at most this many deliveries per second to this endpoint
 * @param retrySchedule      delays between attempts, e.g. {@code 5s,5m,1h}; default the global schedule
 * @param enabled            default true
 * @param ed25519            also sign with a generated ed25519 key ({@code v1a,} signatures)
 */
public record EndpointRequest(
        @NotBlank @Size(max = 2048) String url,
        @Size(max = 500) String description,
        @Size(max = 50) List<@NotBlank @Pattern(regexp = "[a-z0-9_.*]+", message = "must be an event type or a"
                + " wildcard such as deployment.*") String> filterTypes,
        @Size(max = 50) List<@NotBlank @Pattern(regexp = "[a-z0-9\\-*]+", message = "must be a namespace pattern")
                String> namespacesInclude,
        @Size(max = 50) List<@NotBlank @Pattern(regexp = "[a-z0-9\\-*]+", message = "must be a namespace pattern")
                String> namespacesExclude,
        @Size(max = 20) Map<@Pattern(regexp = "[A-Za-z0-9\\-]+", message = "must be a header name") String,
                @NotBlank @Size(max = 1000) String> headers,
        @Positive @Max(10000) Integer rateLimitPerSecond,
        @Pattern(regexp = "\\d+[smhd](,\\d+[smhd])*", message = "must be delays such as 5s,5m,2h,1d")
                String retrySchedule,
        Boolean enabled,
        Boolean ed25519) {
}
