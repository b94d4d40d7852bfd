package io.rpik8s.monitoring.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import io.rpik8s.model.auth.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A read-only PromQL proxy: only Prometheus' {@code query} and {@code query_range} endpoints are reachable, so no
 * admin or write API can be called through it. Answers Prometheus' own JSON ({@code status}, {@code data}).
 */
@Path("/api/v1/metrics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Metrics")
public class MetricsQueryResource {

    /** RFC 3339 or Unix timestamp (Prometheus accepts both). */
    private static final String TIME = "^(\\d+(\\.\\d+)?|\\d{4}-\\d{2}-\\d{2}T[0-9:.]+(Z|[+-]\\d{2}:\\d{2}))$";
    /** Prometheus duration or float seconds. */
    private static final String STEP = "^(\\d+(\\.\\d+)?|(\\d+(ms|s|m|h|d|w|y))+)$";
    private static final String EXPRESSION = "^[^;\\u0000-\\u0008\\u000b-\\u001f]*$";

    private final PrometheusClient prometheus;

    public MetricsQueryResource(PrometheusClient prometheus) {
        this.prometheus = prometheus;
    }

    @GET
    @Path("/query")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Evaluate a PromQL expression at one instant (e.g. rate(my_service_requests_total[5m]))")
    public Uni<JsonNode> query(
            @QueryParam("query") @NotBlank @Size(max = 4000)
            @Pattern(regexp = EXPRESSION, message = "must be a single PromQL expression") String query,
            @QueryParam("time") @Pattern(regexp = TIME, message = "must be RFC 3339 or a Unix timestamp") String time) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("query", query);
        params.put("time", time);
        return prometheus.get("query", params);
    }

    @GET
    @Path("/query_range")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Evaluate a PromQL expression over a time range")
    public Uni<JsonNode> queryRange(
            @QueryParam("query") @NotBlank @Size(max = 4000)
            @Pattern(regexp = EXPRESSION, message = "must be a single PromQL expression") String query,
            @QueryParam("start") @NotBlank @Pattern(regexp = TIME, message = "must be RFC 3339 or a Unix timestamp")
            String start,
            @QueryParam("end") @NotBlank @Pattern(regexp = TIME, message = "must be RFC 3339 or a Unix timestamp")
            String end,
            @QueryParam("step") @NotBlank @Pattern(regexp = STEP, message = "must be a duration such as 15s or 1m")
            String step) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("query", query);
        params.put("start", start);
        params.put("end", end);
        params.put("step", step);
        return prometheus.get("query_range", params);
    }
}
