package io.rpik8s.webhook.log;

import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.model.api.PageRequest;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/** Filters of the delivery log, from query parameters. */
public class LogQuery {

    static final Set<String> STATUSES = Set.of("pending", "succeeded", "failed", "cancelled");

    @QueryParam("endpointId")
    public String endpointId;

    @QueryParam("eventType")
    public String eventType;

    /** Delivery status: pending, succeeded, failed or cancelled. */
    @QueryParam("status")
    public String status;

    /** ISO-8601 instant, inclusive. */
    @QueryParam("since")
    public String since;

    /** ISO-8601 instant, exclusive. */
    @QueryParam("until")
    public String until;

    @QueryParam("page")
    @DefaultValue("0")
    public int page;

    @QueryParam("size")
    @DefaultValue("50")
    public int size;

    Instant sinceInstant() {
        return instant("since", since);
    }

    Instant untilInstant() {
        return instant("until", until);
    }

    PageRequest pageRequest() {
        if (page < 0) {
            throw ApiProblem.invalid("page", "must be zero or more");
        }
        if (size < 1 || size > PageRequest.MAX_SIZE) {
            throw ApiProblem.invalid("size", "must be between 1 and " + PageRequest.MAX_SIZE);
        }
        io.rpik8s.webhook.store.EventFilters.requireKnownType("eventType", eventType);
        if (status != null && !STATUSES.contains(status)) {
            throw ApiProblem.invalid("status", "must be pending, succeeded, failed or cancelled");
        }
        return new PageRequest(page, size);
    }

    static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid(field, "must be an ISO-8601 instant such as 2026-01-10T12:00:00Z");
        }
    }
}
