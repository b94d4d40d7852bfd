package io.rpik8s.model.api;

/**
 * A page of a list: zero-based index and size. Query parameters {@code page} and {@code size}.
 */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    public PageRequest {
        if (page < 0) {
            throw new IllegalArgumentException("page must be >= 0");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE);
        }
    }

    public static PageRequest first() {
        return new PageRequest(0, DEFAULT_SIZE);
    }
}
