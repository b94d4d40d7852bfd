package io.rpik8s.panel.browser;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The panel's half of the bad-input suite (the services' half reads their OpenAPI documents; the panel has none):
 * every route it serves, signed in with a valid form token, gets hostile values in every form field its pages use and
 * in the query parameters pages read. Whatever the value, the answer is a page, a redirect or a 4xx, never a 5xx or a
 * stack trace, and the session still works afterwards. Runs against the real services.
 */
@QuarkusTest
@QuarkusTestResource(RunningPlatform.class)
class PanelBadInputTest {

    /**
     * What a careless or hostile form sends: empty, long (just under the server's 2 KiB form-field limit, which is
     * answered by the HTTP layer itself), control characters, markup, traversal, not numbers.
     */
    private static final List<String> HOSTILE = List.of("", "x".repeat(2_000), "a\u0000b\u001b[31m",
            "<script>alert(1)</script>", "../../etc/passwd", "-1", "abc", "99999999999999999999", "名前😀", "%zz");

    /** Routes whose success ends the test's own session, or that are the way in: checked by the route census. */
    private static final Set<String> SKIPPED = Set.of("POST /sign-out", "POST /sign-in", "GET /sign-in",
            "GET /sign-in/oidc", "GET /sign-in/oidc/callback");

    private static final Pattern STACK_TRACE = Pattern.compile("\\bat (io|java|org|jdk)\\.[\\w.$]+\\(|Exception:");

    @Test
    void hostileFormValuesOnEveryRouteAreAnsweredWithoutA5xxOrAStackTrace() throws Exception {
        Map<String, String> session = PanelRouteCensusTest.signedIn(RunningPlatform.adminToken());
        Set<String> fields = formFields();
        assertThat(fields).as("form fields found in the templates").contains("name", "namespace", "image", "replicas");

        List<String> offending = new ArrayList<>();
        for (PanelRouteCensusTest.Route route : PanelRouteCensusTest.routes()) {
            if (SKIPPED.contains(route.toString()) || route.path().endsWith("/stream")) {
                continue;
            }
            for (String value : HOSTILE) {
                RequestSpecification request = given().redirects().follow(false).cookies(session);
                if (route.method().equals("GET")) {
                    request.queryParams(Map.of("page", value, "size", value, "namespace", value, "q", value));
                } else {
                    request.contentType("application/x-www-form-urlencoded; charset=UTF-8")
                            .formParam("csrf", session.get("panel-csrf"));
                    fields.forEach(f -> request.formParam(f, value));
                }
                Response answer = request.request(route.method(), route.sample());
                String body = answer.asString();
                String shown = value.length() > 20 ? value.substring(0, 20) + "..." : value;
                if (answer.statusCode() >= 500) {
                    offending.add(route + " with '" + shown + "' -> " + answer.statusCode());
                } else if (STACK_TRACE.matcher(body).find()) {
                    offending.add(route + " with '" + shown + "' -> a stack trace in the answer");
                }
            }
        }
        assertThat(offending).as("routes that broke on bad input").isEmpty();
        // the session survived all of it
        assertThat(given().redirects().follow(false).cookies(session).get("/").statusCode()).isEqualTo(200);
    }

    /** The names of the form fields the panel's templates render (meta tags aside). */
    private static Set<String> formFields() throws IOException {
        Set<String> fields = new TreeSet<>();
        Pattern input = Pattern.compile("<(?:input|select|textarea)[^>]*\\bname=\"([a-zA-Z_.-]+)\"");
        try (Stream<java.nio.file.Path> files = Files.walk(Paths.get("src/main/resources/templates"))) {
            for (java.nio.file.Path file : files.filter(Files::isRegularFile).toList()) {
                Matcher m = input.matcher(Files.readString(file));
                while (m.find()) {
                    fields.add(m.group(1));
                }
            }
        }
        fields.remove("csrf");
        return fields;
    }
}
