package io.rpik8s.commons.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rpik8s.model.api.ProblemDetail;
import io.rpik8s.model.api.ProblemType;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/**
 * Answers an over-long URI (414), oversized headers (431) and an oversized declared body (413) with problem+json,
 * first thing on the router, before authentication or any resource runs.
 */
@ApplicationScoped
public class RequestLimits {

    private final HttpLimitsConfig limits;
    private final ObjectMapper json;

    public RequestLimits(HttpLimitsConfig limits, ObjectMapper json) {
        this.limits = limits;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    void check(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (request.uri().length() > limits.maxUriLength()) {
            refuse(rc, ProblemType.URI_TOO_LONG, "The request URI is " + request.uri().length()
                    + " characters long; at most " + limits.maxUriLength() + " are accepted");
            return;
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headerBytes += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headerBytes > limits.maxHeaderSize().asLongValue()) {
            refuse(rc, ProblemType.HEADERS_TOO_LARGE, "The request headers take " + headerBytes
                    + " bytes; at most " + limits.maxHeaderSize().asLongValue() + " are accepted");
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && declaredLength(length) > limits.maxBodySize().asLongValue()) {
            refuse(rc, ProblemType.PAYLOAD_TOO_LARGE, "The request body is " + length + " bytes; at most "
                    + limits.maxBodySize().asLongValue() + " are accepted");
            return;
        }
        rc.next();
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private void refuse(RoutingContext rc, ProblemType type, String detail) {
        String path = rc.request().path();
        ProblemDetail problem = ProblemDetail.of(type, detail, path == null || path.length() > 200
                ? null : path);
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + type.status() + "}";
        }
        // The connection is closed after the answer: the oversized body was never read.
        rc.response().setStatusCode(type.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemDetail.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }
}
