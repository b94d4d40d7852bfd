package io.rpik8s.model.plugin;

/** One invalid field of a request: its JSON path and why it is invalid. */
public record FieldProblem(String field, String reason) {
}
