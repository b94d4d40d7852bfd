package io.rpik8s.panel.browser;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every route the panel serves, listed from its resource classes: a state-changing one is refused without a session,
 * and with a session but without the form's CSRF token (so no other site can make a signed-in browser change
 * anything); a page without a session sends the browser to the sign-in page. Runs against the real services.
 */
@QuarkusTest
@QuarkusTestResource(RunningPlatform.class)
class PanelRouteCensusTest {

    /** A route: method and path template. */
    record Route(String method, String path) {
        String sample() {
            return path.replaceAll("\\{[^}]+}", "census-x");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Routes that are public by design. */
    private static final List<String> PUBLIC = List.of("GET /sign-in", "POST /sign-in", "GET /sign-in/oidc",
            "GET /sign-in/oidc/callback");

    @TestHTTPResource("/")
    URL panel;

    @Test
    void everyStateChangingRouteNeedsASessionAndTheFormsCsrfToken() throws Exception {
        List<Route> mutating = routes().stream().filter(r -> !r.method().equals("GET")).toList();
        assertThat(mutating).as("state-changing routes found").hasSizeGreaterThan(20);
        Map<String, String> session = signedIn(RunningPlatform.adminToken());

        List<String> offending = new ArrayList<>();
        for (Route route : mutating) {
            if (PUBLIC.contains(route.toString())) {
                continue;
            }
            Response anonymous = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                    .formParam("name", "census").request(route.method(), route.sample());
            if (anonymous.statusCode() != 401) {
                offending.add(route + " without a session -> " + anonymous.statusCode());
            }
            Response noToken = given().redirects().follow(false).cookies(session)
                    .contentType("application/x-www-form-urlencoded").formParam("name", "census")
                    .request(route.method(), route.sample());
            // The CSRF filter's refusal: a 400 before the resource runs (which would render a page of its own).
            if (noToken.statusCode() != 400 || !noToken.asString().isEmpty()) {
                offending.add(route + " signed in, no CSRF token -> " + noToken.statusCode());
            }
            Response forged = given().redirects().follow(false).cookies(session)
                    .contentType("application/x-www-form-urlencoded").formParam("csrf", "forged-token")
                    .formParam("name", "census").request(route.method(), route.sample());
            if (forged.statusCode() != 400 || !forged.asString().isEmpty()) {
                offending.add(route + " signed in, a forged CSRF token -> " + forged.statusCode());
            }
            Response json = given().redirects().follow(false).cookies(session).contentType("application/json")
                    .body("{\"name\":\"census\"}").request(route.method(), route.sample());
            if (json.statusCode() / 100 == 2 || json.statusCode() / 100 == 3) {
                offending.add(route + " signed in, a JSON body without a token -> " + json.statusCode());
            }
        }
        assertThat(offending).as("state-changing routes that did not refuse").isEmpty();

        // The same session with its form's token is let through: the refusals above are the token's doing.
        Response withToken = given().redirects().follow(false).cookies(session)
                .contentType("application/x-www-form-urlencoded").formParam("csrf", session.get("panel-csrf"))
                .post("/sign-out");
        assertThat(withToken.statusCode()).isEqualTo(303);
    }

    @Test
    void everyPageSendsABrowserWithoutASessionToSignIn() throws Exception {
        List<String> offending = new ArrayList<>();
        for (Route route : routes().stream().filter(r -> r.method().equals("GET")).toList()) {
            if (PUBLIC.contains(route.toString())) {
                continue;
            }
            Response answer = given().redirects().follow(false).get(route.sample());
            boolean toSignIn = answer.statusCode() == 303 && answer.header("Location").contains("/sign-in");
            boolean stream = route.path().endsWith("/stream") && answer.statusCode() == 401;
            if (!toSignIn && !stream) {
                offending.add(route + " -> " + answer.statusCode());
            }
        }
        assertThat(offending).as("pages served without a session").isEmpty();
    }

    /** The cookies of a session signed in through the form, as a browser does (CSRF token included). */
    static Map<String, String> signedIn(String token) {
        Response form = given().get("/sign-in");
        java.util.regex.Matcher field = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"")
                .matcher(form.asString());
        assertThat(field.find()).as("the sign-in form's CSRF field").isTrue();
        String csrf = field.group(1);
        Response signIn = given().redirects().follow(false).cookies(form.cookies())
                .contentType("application/x-www-form-urlencoded").formParam("csrf", csrf).formParam("token", token)
                .formParam("next", "/").post("/sign-in");
        assertThat(signIn.statusCode()).as("signing in").isEqualTo(303);
        Map<String, String> cookies = new java.util.HashMap<>(form.cookies());
        cookies.putAll(signIn.cookies());
        assertThat(cookies).containsKey("panel-session");
        return cookies;
    }

    /** The routes of the panel's own resource classes (the REST client interfaces of the services excluded). */
    static List<Route> routes() throws IOException, ClassNotFoundException {
        java.nio.file.Path classes = Paths.get("target/classes");
        List<Route> routes = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(classes.resolve("io/rpik8s/panel"))) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, PanelRouteCensusTest.class.getClassLoader());
                Path root = type.getAnnotation(Path.class);
                if (type.isInterface() || root == null) {
                    continue;
                }
                for (Method m : type.getDeclaredMethods()) {
                    String verb = m.isAnnotationPresent(GET.class) ? "GET" : m.isAnnotationPresent(POST.class) ? "POST"
                            : m.isAnnotationPresent(PUT.class) ? "PUT" : m.isAnnotationPresent(DELETE.class) ? "DELETE"
                            : m.isAnnotationPresent(PATCH.class) ? "PATCH" : null;
                    if (verb != null) {
                        Path sub = m.getAnnotation(Path.class);
                        String path = ("/" + root.value() + "/" + (sub == null ? "" : sub.value()))
                                .replaceAll("/+", "/");
                        routes.add(new Route(verb, path.length() > 1 ? path.replaceAll("/$", "") : path));
                    }
                }
            }
        }
        return routes;
    }
}
