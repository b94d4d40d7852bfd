package io.rpik8s.dev.simcluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/** An answer of the simulated API server; {@code warnings} become {@code Warning: 299} headers, as kube-apiserver sends them. */
record Reply(int code, String contentType, String body, List<String> warnings) {

    static final String JSON_TYPE = "application/json";

    Reply(int code, String contentType, String body) {
        this(code, contentType, body, List.of());
    }

    static Reply json(int code, JsonNode body) {
        return new Reply(code, JSON_TYPE, body.toString());
    }

    Reply warn(List<String> more) {
        return more.isEmpty() ? this : new Reply(code, contentType, body, more);
    }

    /** Sends this answer, unless the client has gone. */
    void send(HttpServerResponse response) {
        if (response.closed() || response.ended()) {
            return;
        }
        response.setStatusCode(code);
        response.putHeader(SimulatedApiServer.SIMULATED_HEADER, "true");
        warnings.forEach(w -> response.headers().add("Warning", "299 - \"" + w.replace("\"", "\\\"") + "\""));
        if (body == null || body.isEmpty()) {
            response.end();
            return;
        }
        response.putHeader("Content-Type", contentType);
        response.end(body);
    }
}
