package io.rpik8s.panel.session;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Every page needs a session: without one, the browser is sent to the sign-in page and comes back afterwards. */
public class SessionFilter {

    private final SessionCookie cookies;
    private final CurrentRequest current;

    public SessionFilter(SessionCookie cookies, CurrentRequest current) {
        this.cookies = cookies;
        this.current = current;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> requireSession(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        Cookie cookie = request.getCookies().get(SessionCookie.NAME);
        Optional<Session> session = cookies.read(cookie == null ? null : cookie.getValue());
        current.set(session.orElse(null), path);
        if (session.isPresent() || isPublic(path)) {
            return Optional.empty();
        }
        if (path.endsWith("/stream") || !"GET".equals(request.getMethod())) {
            // Script requests and forms of an expired session: no redirect they would follow silently.
            return Optional.of(Response.status(401).entity("Signed out: sign in again").build());
        }
        String back = request.getUriInfo().getRequestUri().getRawPath();
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        String next = query == null ? back : back + "?" + query;
        return Optional.of(Response.seeOther(URI.create("/sign-in" + ("/".equals(next) ? ""
                : "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)))).build());
    }

    private static boolean isPublic(String path) {
        return path.equals("/sign-in") || path.equals(OidcStateCookie.PATH)
                || path.equals(OidcStateCookie.PATH + "/callback") || path.startsWith("/static/")
                || path.startsWith("/q/") || path.equals("/favicon.ico");
    }
}
