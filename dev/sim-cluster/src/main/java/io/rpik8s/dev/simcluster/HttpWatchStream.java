package io.rpik8s.dev.simcluster;

import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import java.util.function.UnaryOperator;

/**
 * Adapts the mock's WebSocket watch to a plain HTTP streaming watch (one JSON event per line, chunked), which
 * is what kubectl uses for {@code get -w}, {@code rollout status} and {@code wait}.
 */
final class HttpWatchStream implements WebSocket {

    private final RecordedRequest request;
    private final HttpServerResponse response;
    private final Context context;
    private final UnaryOperator<String> transform;
    private volatile boolean closed;

    HttpWatchStream(RecordedRequest request, HttpServerResponse response, Context context, UnaryOperator<String> transform) {
        this.request = request;
        this.response = response;
        this.context = context;
        this.transform = transform;
    }

    @Override
    public RecordedRequest request() {
        return request;
    }

    @Override
    public boolean send(String text) {
        if (closed) {
            return false;
        }
        String event = transform.apply(text);
        if (event != null) {
            context.runOnContext(v -> {
                if (!closed && !response.closed() && !response.ended()) {
                    response.write(event + "\n");
                }
            });
        }
        return true;
    }

    @Override
    public boolean send(byte[] bytes) {
        return send(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public boolean close(int code, String reason) {
        if (!closed) {
            closed = true;
            context.runOnContext(v -> {
                if (!response.closed() && !response.ended()) {
                    response.end();
                }
            });
        }
        return true;
    }
}
