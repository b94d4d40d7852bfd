package io.rpik8s.panel.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rpik8s.panel.config.PanelConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The OpenID Connect provider as the panel's client sees it: its discovery document (read once, again after a
 * failure), the authorization URL with PKCE (S256), and the code-for-token exchange. Non-blocking (the JDK client's
 * asynchronous sends).
 */
@ApplicationScoped
public class OidcProvider {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The two endpoints the panel uses. */
    record Endpoints(String authorization, String token) {
    }

    /** The provider refused or could not be reached; the message is shown on the sign-in page. */
    public static class OidcFailure extends RuntimeException {
        public OidcFailure(String message) {
            super(message);
        }
    }

    private final PanelConfig.Oidc config;
    /** Made at the first call to the provider: a JDK client loads TLS and the trust store, unused without OIDC. */
    private volatile HttpClient http;
    private volatile Uni<Endpoints> endpoints;

    public OidcProvider(PanelConfig config) {
        this.config = config.oidc();
    }

    public boolean configured() {
        return config.issuer().isPresent() && config.clientId().isPresent();
    }

    public String buttonLabel() {
        return config.buttonLabel();
    }

    /** Where the browser goes to sign in at the provider. */
    public Uni<URI> authorizationUri(String state, String verifier, String nonce, String redirectUri) {
        return endpoints().map(e -> {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("response_type", "code");
            query.put("client_id", config.clientId().orElseThrow());
            query.put("redirect_uri", redirectUri);
            query.put("scope", scopes());
            query.put("state", state);
            query.put("nonce", nonce);
            query.put("code_challenge", challenge(verifier));
            query.put("code_challenge_method", "S256");
            return URI.create(e.authorization() + (e.authorization().contains("?") ? "&" : "?") + form(query));
        });
    }

    /** The access token the provider gives for {@code code}: the services verify it like any bearer token. */
    public Uni<String> exchange(String code, String verifier, String redirectUri) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", redirectUri);
        body.put("client_id", config.clientId().orElseThrow());
        body.put("code_verifier", verifier);
        return endpoints().chain(e -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(e.token())).timeout(TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(form(body)));
            config.clientSecret().ifPresent(secret -> request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString((urlEncode(config.clientId().orElseThrow()) + ":"
                            + urlEncode(secret)).getBytes(StandardCharsets.UTF_8))));
            return send(request.build());
        }).map(answer -> {
            JsonNode token = answer.path("access_token");
            if (!token.isTextual() || token.asText().isBlank()) {
                throw new OidcFailure("The sign-in provider answered without an access token.");
            }
            return token.asText();
        });
    }

    private Uni<Endpoints> endpoints() {
        Uni<Endpoints> known = endpoints;
        if (known != null) {
            return known;
        }
        String issuer = config.issuer().orElseThrow().replaceAll("/+$", "");
        Uni<Endpoints> discovered = send(HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                .timeout(TIMEOUT).header("Accept", "application/json").GET().build())
                .map(doc -> {
                    String authorization = doc.path("authorization_endpoint").asText("");
                    String token = doc.path("token_endpoint").asText("");
                    if (authorization.isEmpty() || token.isEmpty()) {
                        throw new OidcFailure("The sign-in provider's discovery document names no authorization or"
                                + " token endpoint.");
                    }
                    return new Endpoints(authorization, token);
                })
                .memoize().indefinitely();
        endpoints = discovered.onFailure().invoke(() -> endpoints = null);
        return endpoints;
    }

    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
                    http = client;
                }
            }
        }
        return client;
    }

    private Uni<JsonNode> send(HttpRequest request) {
        return Uni.createFrom().completionStage(() -> http().sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .onFailure().transform(e -> e instanceof OidcFailure ? e
                        : new OidcFailure("The sign-in provider cannot be reached: " + e.getClass().getSimpleName()))
                .map(response -> {
                    JsonNode body;
                    try {
                        body = JSON.readTree(response.body());
                    } catch (Exception e) {
                        throw new OidcFailure("The sign-in provider answered HTTP " + response.statusCode()
                                + " without JSON.");
                    }
                    if (response.statusCode() / 100 != 2) {
                        throw new OidcFailure("The sign-in provider refused: " + body.path("error").asText("HTTP "
                                + response.statusCode()) + (body.hasNonNull("error_description")
                                        ? " (" + body.get("error_description").asText() + ")" : ""));
                    }
                    return body;
                });
    }

    private String scopes() {
        java.util.LinkedHashSet<String> scopes = new java.util.LinkedHashSet<>();
        scopes.add("openid");
        scopes.addAll(config.scopes());
        return String.join(" ", scopes);
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream().map(e -> urlEncode(e.getKey()) + "=" + urlEncode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
