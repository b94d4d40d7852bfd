package io.rpik8s.commons.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.rpik8s.commons.json.ControlCharacterException;
import io.rpik8s.model.api.ProblemDetail;
import io.rpik8s.model.api.ProblemDetail.FieldError;
import io.rpik8s.model.api.ProblemType;
import java.time.Duration;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns Jackson's failures into problems a client can act on: a syntax error with its line and column, a value of the
 * wrong type named by its JSON path ({@code replicas}, {@code env[0].value}) and the type expected, never a Java class
 * name.
 */
final class JsonProblems {

    private JsonProblems() {
    }

    static ProblemDetail of(JsonProcessingException thrown, String instance) {
        JsonProcessingException e = syntaxCause(thrown);
        if (e instanceof StreamConstraintsException) {
            return ProblemDetail.of(ProblemType.MALFORMED, "The body is too deeply nested or too large to read ("
                    + firstLine(e.getOriginalMessage()) + ")", instance);
        }
        if (!(e instanceof JsonMappingException mapping)) {
            return ProblemDetail.of(ProblemType.MALFORMED, "The body is not valid JSON" + at(e.getLocation()) + ": "
                    + firstLine(e.getOriginalMessage()), instance);
        }
        String field = pathOf(mapping);
        if (field.isEmpty()) {
            if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
                return ProblemDetail.of(ProblemType.MALFORMED, "The body must be " + expected(m.getTargetType())
                        + found(m), instance);
            }
            return ProblemDetail.of(ProblemType.MALFORMED, "The body cannot be read" + at(e.getLocation()), instance);
        }
        String reason = reason(mapping);
        return ProblemDetail.of(ProblemType.VALIDATION, field + ": " + reason, instance)
                .withErrors(List.of(new FieldError(field, reason)));
    }

    /** Jackson wraps a syntax error met inside a field in a mapping error of that field: the syntax error counts. */
    private static JsonProcessingException syntaxCause(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException p && !(t instanceof JsonMappingException)) {
                return p;
            }
        }
        return e;
    }

    private static String reason(JsonMappingException e) {
        if (e instanceof ControlCharacterException c) {
            return c.reason();
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + u.getPropertyName() + "'";
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "must be " + expected(m.getTargetType()) + found(m);
        }
        return "cannot be read" + at(e.getLocation());
    }

    /** What a value of {@code type} looks like in JSON, in words. */
    static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> enumName((Enum<?>) c))
                    .collect(Collectors.joining(", "));
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (Duration.class.isAssignableFrom(type)) {
            return "a duration such as PT5M";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 time such as 2026-01-10T12:00:00Z";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        return "a JSON object";
    }

    private static String enumName(Enum<?> constant) {
        try {
            var property = constant.getDeclaringClass().getField(constant.name())
                    .getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
            return property != null && !property.value().isEmpty() ? property.value() : constant.name();
        } catch (NoSuchFieldException e) {
            return constant.name();
        }
    }

    /** The value actually sent, when Jackson kept it, or the kind of JSON token it was. */
    private static String found(MismatchedInputException e) {
        if (e instanceof InvalidFormatException f && f.getValue() != null) {
            String value = String.valueOf(f.getValue());
            return ", not " + (f.getValue() instanceof String ? "\"" + abbreviate(value) + "\"" : abbreviate(value));
        }
        String message = String.valueOf(e.getOriginalMessage());
        for (String token : List.of("Array", "Object", "String", "Integer", "Floating-point", "Boolean", "Null")) {
            if (message.contains("from " + token + " value") || message.contains("from " + token)) {
                return ", not " + switch (token) {
                    case "Array" -> "an array";
                    case "Object" -> "an object";
                    case "String" -> "a string";
                    case "Integer" -> "an integer";
                    case "Floating-point" -> "a decimal number";
                    case "Boolean" -> "a boolean";
                    default -> "null";
                };
            }
        }
        return "";
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String firstLine(String message) {
        String line = String.valueOf(message).replaceAll(" at \\[Source.*", "").lines().findFirst().orElse("invalid");
        // Jackson names the Java type it wanted; the client knows the field, not our classes.
        return abbreviate(line.replaceAll("`[a-z][\\w.]*\\.(\\w+)`", "$1"));
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
