package io.rpik8s.commons.paging;

import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.model.api.PageRequest;

/**
 * Reads the {@code page} and {@code size} query parameters into a {@link PageRequest}. They arrive as text so that a
 * non-number is a 400 naming the parameter too (JAX-RS answers 404 when an int query parameter does not convert).
 */
public final class PageParams {

    private PageParams() {
    }

    /** {@code page} defaults to 0, {@code size} to {@link PageRequest#DEFAULT_SIZE}. */
    public static PageRequest of(String page, String size) {
        int p = parse("page", page, 0, 0, Integer.MAX_VALUE, "must be a whole number >= 0");
        int s = parse("size", size, PageRequest.DEFAULT_SIZE, 1, PageRequest.MAX_SIZE,
                "must be a whole number from 1 to " + PageRequest.MAX_SIZE);
        return new PageRequest(p, s);
    }

    private static int parse(String field, String value, int fallback, int min, int max, String rule) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiProblem.invalid(field, rule);
    }
}
