package io.rpik8s.sidecar.reports;

import io.rpik8s.model.api.ProblemDetail;
import io.rpik8s.model.api.ProblemType;
import io.rpik8s.model.events.EventJson;
import io.rpik8s.sidecar.platform.PlatformAnswer;
import io.rpik8s.sidecar.platform.PlatformClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/**
 * Forwards what the app reports to the platform as it is, with the app's trace context, and gives the app the
 * platform's answer: the platform validates, names the app from the token and publishes; the sidecar adds nothing
 * the app could forge.
 */
@ApplicationScoped
public class Reports {

    private final PlatformClient platform;

    public Reports(PlatformClient platform) {
        this.platform = platform;
    }

    public Uni<Response> forward(String platformPath, String json, String traceparent, String localPath) {
        return platform.post(platformPath, json == null ? "" : json, traceparent)
                .map(Reports::response)
                .onFailure().recoverWithItem(e -> Response.status(503).type(ProblemDetail.MEDIA_TYPE)
                        .entity(problem(e, localPath)).build());
    }

    private static Response response(PlatformAnswer answer) {
        return Response.status(answer.status()).type(answer.contentType()).entity(answer.body()).build();
    }

    private static String problem(Throwable e, String path) {
        try {
            return EventJson.mapper().writeValueAsString(ProblemDetail.of(ProblemType.UPSTREAM_UNAVAILABLE,
                    "The platform cannot be reached: " + e.getMessage(), path));
        } catch (Exception json) {
            throw new IllegalStateException(json);
        }
    }
}
