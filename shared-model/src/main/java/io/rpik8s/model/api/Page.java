package io.rpik8s.model.api;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list answer.
 *
 * @param items the items of this page
 * @param page  zero-based page index
 * @param size  requested page size
 * @param total total number of items matching the query
 */
public record Page<T>(List<T> items, int page, int size, long total) {

    /** Cuts page {@code request} out of a complete, already ordered list. */
    public static <T> Page<T> of(List<T> all, PageRequest request) {
        int from = (int) Math.min((long) request.page() * request.size(), all.size());
        int to = Math.min(from + request.size(), all.size());
        return new Page<>(List.copyOf(all.subList(from, to)), request.page(), request.size(), all.size());
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }

    /** Whether a later page has items. */
    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }
}
