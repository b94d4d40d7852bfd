package io.rpik8s.sidecar.http;

import io.rpik8s.model.api.ProblemDetail;
import io.rpik8s.model.api.ProblemType;
import io.rpik8s.model.events.EventJson;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Only the containers of the sidecar's own pod (which share its loopback interface) may read the app's events or
 * speak for the app: a request from any other address is refused with 403. The sidecar still listens on every
 * interface, so that the kubelet can probe {@code /q/health}, which is not a REST resource and passes no filter.
 */
public class LoopbackOnly {

    @ServerRequestFilter(preMatching = true)
    public Response refuseOtherPods(HttpServerRequest request) {
        if (isLoopback(request.remoteAddress() == null ? null : request.remoteAddress().host())) {
            return null;
        }
        return Response.status(403).type(ProblemDetail.MEDIA_TYPE).entity(json(ProblemDetail.of(ProblemType.FORBIDDEN,
                "Only containers of this pod may use its platform sidecar", request.path()))).build();
    }

    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        try {
            // A literal address only: no name is looked up.
            return (host.indexOf(':') >= 0 || Character.isDigit(host.charAt(0)))
                    && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String json(ProblemDetail problem) {
        try {
            return EventJson.mapper().writeValueAsString(problem);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
