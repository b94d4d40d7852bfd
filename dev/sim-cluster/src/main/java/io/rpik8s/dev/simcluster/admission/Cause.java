package io.rpik8s.dev.simcluster.admission;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One reason the API server refuses an object, as kube-apiserver's {@code field.Error} reports it: the field path,
 * the cause reason ({@code FieldValueInvalid}, {@code FieldValueRequired}...) and the message without the field.
 */
public record Cause(String reason, String field, String message) {

    static Cause required(String field) {
        return new Cause("FieldValueRequired", field, "Required value");
    }

    static Cause required(String field, String detail) {
        return new Cause("FieldValueRequired", field, "Required value: " + detail);
    }

    static Cause invalid(String field, JsonNode value, String detail) {
        return new Cause("FieldValueInvalid", field, "Invalid value: " + render(value) + ": " + detail);
    }

    static Cause invalid(String field, String value, String detail) {
        return new Cause("FieldValueInvalid", field, "Invalid value: \"" + value + "\": " + detail);
    }

    static Cause typeInvalid(String field, String actual, String expected) {
        return new Cause("FieldValueTypeInvalid", field, "Invalid value: \"" + actual + "\": " + field
                + " in body must be of type " + expected + ": \"" + actual + "\"");
    }

    static Cause notSupported(String field, JsonNode value, String supported) {
        return new Cause("FieldValueNotSupported", field, "Unsupported value: " + render(value)
                + ": supported values: " + supported);
    }

    static Cause tooMany(String field, int actual, int max) {
        return new Cause("FieldValueTooMany", field, "Too many: " + actual + ": must have at most " + max + " items");
    }

    static Cause tooLong(String field, int max) {
        return new Cause("FieldValueTooLong", field, "Too long: may not be more than " + max + " bytes");
    }

    static Cause duplicate(String field, String value) {
        return new Cause("FieldValueDuplicate", field, "Duplicate value: \"" + value + "\"");
    }

    static Cause forbidden(String field, String detail) {
        return new Cause("FieldValueForbidden", field, "Forbidden: " + detail);
    }

    /** The field and message as kubectl prints them. */
    public String text() {
        return field + ": " + message;
    }

    /** A value as kube-apiserver prints it in a message: strings quoted, numbers and objects as they are. */
    static String render(JsonNode value) {
        return value == null || value.isMissingNode() ? "null" : value.isTextual() ? "\"" + value.asText() + "\""
                : value.toString();
    }
}
