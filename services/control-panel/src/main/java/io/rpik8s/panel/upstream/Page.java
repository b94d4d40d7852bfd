package io.rpik8s.panel.upstream;

import java.util.List;

/** A page of a service's list answer ({@code {items, page, size, total}}). */
public record Page<T>(List<T> items, int page, int size, long total) {

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }
}
