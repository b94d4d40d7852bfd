package io.rpik8s.commons.http;

import io.rpik8s.commons.problem.ApiProblem;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses control characters (NUL above all) in every path and query parameter of every route, after the route's
 * role check and before its method runs: no such value is valid anywhere, and PostgreSQL fails on a NUL byte.
 */
public class ParameterGuard {

    @ServerRequestFilter
    public void refuseControlCharacters(UriInfo uri) {
        check(uri.getPathParameters());
        check(uri.getQueryParameters());
    }

    private static void check(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                int bad = firstControlCharacter(value);
                if (bad >= 0) {
                    throw ApiProblem.invalid(parameter.getKey(), String.format(
                            "must not contain control characters (U+%04X at position %d)", (int) value.charAt(bad),
                            bad));
                }
            }
        }
    }

    static int firstControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
