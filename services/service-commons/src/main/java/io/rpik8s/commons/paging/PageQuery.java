package io.rpik8s.commons.paging;

import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.model.api.PageRequest;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/**
 * The {@code page} and {@code size} query parameters of every list, as one {@code @BeanParam}: the same defaults,
 * limits and problem text in every service. A value that is not a number is refused by the problem mapper, naming
 * the parameter; a number out of range by {@link #toRequest()}.
 */
public class PageQuery {

    @QueryParam("page")
    @DefaultValue("0")
    public int page;

    @QueryParam("size")
    @DefaultValue("" + PageRequest.DEFAULT_SIZE)
    public int size;

    /** The page asked for, or a 400 naming {@code page} or {@code size}. */
    public PageRequest toRequest() {
        if (page < 0) {
            throw ApiProblem.invalid("page", "must be a whole number >= 0");
        }
        if (size < 1 || size > PageRequest.MAX_SIZE) {
            throw ApiProblem.invalid("size", "must be a whole number from 1 to " + PageRequest.MAX_SIZE);
        }
        return new PageRequest(page, size);
    }
}
