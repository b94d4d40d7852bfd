package io.rpik8s.panel.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * An error answer of one of the services, read from its RFC 9457 problem document: what the panel shows next to the
 * form field it names, or as the page's message.
 */
public final class ServiceProblem extends RuntimeException {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** No problem: what a page shows when nothing was refused. */
    public static final ServiceProblem NONE = new ServiceProblem(0, "", null, List.of());

    private final int status;
    private final String title;
    private final String detail;
    private final List<FieldError> fieldErrors;

    /** One invalid field of a request and why. */
    public record FieldError(String field, String reason) {
    }

    public ServiceProblem(int status, String title, String detail, List<FieldError> fieldErrors) {
        super(status + " " + title + (detail == null ? "" : ": " + detail));
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    /** Reads a service's error answer; a body that is not a problem document still gives a readable message. */
    public static ServiceProblem from(Response response) {
        int status = response.getStatus();
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem != null && problem.isObject()) {
                List<FieldError> errors = new ArrayList<>();
                problem.path("errors").forEach(e -> errors.add(new FieldError(e.path("field").asText(""),
                        e.path("reason").asText(e.path("message").asText("")))));
                return new ServiceProblem(status, problem.path("title").asText(reasonOf(status)),
                        problem.hasNonNull("detail") ? problem.get("detail").asText() : null, errors);
            }
        } catch (Exception notJson) {
            // Not a problem document (a proxy's error page, an empty body): fall through to the status text.
        }
        return new ServiceProblem(status, reasonOf(status), null, List.of());
    }

    /** A problem found by the panel itself before calling a service (a form value it cannot send). */
    public static ServiceProblem invalid(String field, String reason) {
        return new ServiceProblem(400, "Invalid request", null, List.of(new FieldError(field, reason)));
    }

    /** The service could not be reached at all. */
    public static ServiceProblem unreachable(String service, Throwable cause) {
        return new ServiceProblem(503, service + " cannot be reached",
                cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                List.of());
    }

    private static String reasonOf(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "Error " + status : known.getReasonPhrase();
    }

    /** False for {@link #NONE}. */
    public boolean present() {
        return status != 0;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    /** The reason given for {@code field} (or a field nested under it, such as {@code env[0].name}); null if none. */
    public String fieldError(String field) {
        for (FieldError e : fieldErrors) {
            if (e.field().equals(field) || e.field().startsWith(field + ".") || e.field().startsWith(field + "[")
                    || e.field().endsWith("." + field)) {
                return e.reason();
            }
        }
        return null;
    }

    /** Field errors that no form control shows (listed in the form's summary). */
    public List<FieldError> otherErrors(String shownFieldsCommaSeparated) {
        List<String> shownFields = List.of(shownFieldsCommaSeparated.split(","));
        return fieldErrors.stream().filter(e -> shownFields.stream().noneMatch(f -> e.field().equals(f)
                || e.field().startsWith(f + ".") || e.field().startsWith(f + "[") || e.field().endsWith("." + f)))
                .toList();
    }
}
