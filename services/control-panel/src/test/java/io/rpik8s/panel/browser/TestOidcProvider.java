package io.rpik8s.panel.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenID Connect provider for the browser tests, as strict as a real one where the panel's flow depends on it:
 * discovery, an authorization page where the user approves or denies, codes that work once, for the redirect URI and
 * PKCE verifier they were issued for, and a confidential client's secret. The access tokens it issues are platform
 * tokens for the running platform, so the real services check them.
 */
public class TestOidcProvider implements QuarkusTestResourceLifecycleManager {

    static final String CLIENT_ID = "control-panel";
    static final String USER = "olivia";
    private static final String CLIENT_SECRET = UUID.randomUUID().toString();

    /** A code waiting for its exchange. */
    private record Grant(String redirectUri, String challenge) {
    }

    private static final Map<String, Grant> GRANTS = new ConcurrentHashMap<>();
    /** The outcome of every token request, for the tests. */
    static final List<String> EXCHANGES = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/pi";
        server.createContext("/realms/pi/.well-known/openid-configuration", x -> send(x, 200, "application/json",
                "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/auth\","
                        + "\"token_endpoint\":\"" + issuer + "/token\"}"));
        server.createContext("/realms/pi/auth", this::authorize);
        server.createContext("/realms/pi/decide", this::decide);
        server.createContext("/realms/pi/token", this::token);
        server.start();
        return Map.of("platform.panel.oidc.issuer", issuer, "platform.panel.oidc.client-id", CLIENT_ID,
                "platform.panel.oidc.client-secret", CLIENT_SECRET,
                "platform.panel.oidc.button-label", "Sign in with Pi Lab SSO");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** The provider's own sign-in page: the request is checked, then the user approves or denies. */
    private void authorize(HttpExchange x) throws IOException {
        Map<String, String> q = query(x.getRequestURI());
        if (!"code".equals(q.get("response_type")) || !CLIENT_ID.equals(q.get("client_id"))
                || q.get("redirect_uri") == null || !"S256".equals(q.get("code_challenge_method"))
                || q.get("code_challenge") == null || q.get("state") == null
                || !Set.of(q.getOrDefault("scope", "").split(" ")).contains("openid")) {
            send(x, 400, "text/plain", "invalid_request: " + q);
            return;
        }
        String hidden = String.join("", q.entrySet().stream().map(e -> "<input type=\"hidden\" name=\""
                + e.getKey() + "\" value=\"" + e.getValue().replace("\"", "&quot;") + "\">").toList());
        send(x, 200, "text/html", "<!DOCTYPE html><title>Pi Lab SSO</title><h1>Pi Lab SSO</h1>"
                + "<form action=\"decide\" method=\"get\">" + hidden
                + "<button name=\"decision\" value=\"approve\">Sign in as " + USER + "</button>"
                + "<button name=\"decision\" value=\"deny\">Deny</button></form>");
    }

    private void decide(HttpExchange x) throws IOException {
        Map<String, String> q = query(x.getRequestURI());
        String back = q.get("redirect_uri") + "?state=" + encode(q.get("state"));
        if ("approve".equals(q.get("decision"))) {
            String code = UUID.randomUUID().toString();
            GRANTS.put(code, new Grant(q.get("redirect_uri"), q.get("code_challenge")));
            back += "&code=" + code;
        } else {
            back += "&error=access_denied&error_description=" + encode("The user denied the request");
        }
        x.getResponseHeaders().add("Location", back);
        x.sendResponseHeaders(302, -1);
        x.close();
    }

    private void token(HttpExchange x) throws IOException {
        Map<String, String> form = parse(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        Grant grant = form.get("code") == null ? null : GRANTS.remove(form.get("code"));
        String refusal = !"POST".equals(x.getRequestMethod()) ? "invalid_request"
                : !basic.equals(x.getRequestHeaders().getFirst("Authorization")) ? "invalid_client"
                : !"authorization_code".equals(form.get("grant_type")) ? "unsupported_grant_type"
                : grant == null || !grant.redirectUri().equals(form.get("redirect_uri")) ? "invalid_grant"
                : form.get("code_verifier") == null || !grant.challenge().equals(s256(form.get("code_verifier")))
                        ? "invalid_grant" : null;
        EXCHANGES.add(refusal == null ? "issued" : refusal);
        if (refusal != null) {
            send(x, 400, "application/json", "{\"error\":\"" + refusal + "\"}");
            return;
        }
        String token = RunningPlatform.token(USER, "operator");
        send(x, 200, "application/json", "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\","
                + "\"expires_in\":3600}");
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(URI uri) {
        return parse(uri.getRawQuery());
    }

    private static Map<String, String> parse(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", type + "; charset=utf-8");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }
}
