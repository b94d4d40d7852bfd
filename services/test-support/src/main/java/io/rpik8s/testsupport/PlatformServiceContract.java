package io.rpik8s.testsupport;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * What every platform service promises, checked against the running service: health that really checks its
 * dependencies, Prometheus metrics, the OpenAPI document, and bearer-token authentication with roles, all errors as
 * problem+json. A service's test extends it with {@code @QuarkusTest} and its test resources.
 */
public abstract class PlatformServiceContract {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Test
    void livenessAndReadinessAnswerUpWithEveryDependencyChecked() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Kubernetes API"))
                .body("checks.name", hasItem(containsString("Kafka")))
                .body("checks.name", hasItem(containsString("PostgreSQL")));
    }

    @Test
    void prometheusMetricsAreOpen() {
        given().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void openApiDocumentDescribesTheApiWithBearerAuth() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.keySet()", hasItem(startsWith("/api/v1/")))
                .body("components.securitySchemes.keySet()", hasItem("bearer"));
    }

    @Test
    void apiWithoutTokenIs401ProblemJson() {
        given().get("/api/v1/auth/whoami").then().statusCode(401)
                .contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401))
                .body("type", equalTo("https://rpi-k8s.io/problems/unauthorized"))
                .body("instance", equalTo("/api/v1/auth/whoami"));
    }

    @Test
    void forgedExpiredOrMalformedTokensAre401() {
        for (String token : new String[] {TestTokens.forged(), TestTokens.expired(), "not-a-jwt"}) {
            given().header("Authorization", TestTokens.bearer(token)).get("/api/v1/auth/whoami")
                    .then().statusCode(401).contentType(PROBLEM_JSON).body("status", equalTo(401));
        }
    }

    @Test
    void rolesIncludeLowerRoles() {
        given().header("Authorization", TestTokens.bearer(TestTokens.admin())).get("/api/v1/auth/whoami")
                .then().statusCode(200)
                .body("subject", equalTo("test-admin"))
                .body("roles", hasItems("viewer", "operator", "admin"));
        given().header("Authorization", TestTokens.bearer(TestTokens.viewer())).get("/api/v1/auth/whoami")
                .then().statusCode(200).body("roles", not(hasItem("operator")));
    }

    @Test
    void missingRoleIs403ProblemJson() {
        given().header("Authorization", TestTokens.bearer(TestTokens.operator()))
                .contentType(ContentType.JSON).body("{\"subject\":\"bob\",\"roles\":[\"viewer\"]}")
                .post("/api/v1/auth/tokens")
                .then().statusCode(403).contentType(PROBLEM_JSON)
                .body("type", equalTo("https://rpi-k8s.io/problems/forbidden"));
    }

    @Test
    void adminMintsATokenThatTheServiceAccepts() {
        String token = given().header("Authorization", TestTokens.bearer(TestTokens.admin()))
                .contentType(ContentType.JSON).body("{\"subject\":\"bob\",\"roles\":[\"operator\"],\"ttlHours\":2}")
                .post("/api/v1/auth/tokens")
                .then().statusCode(201).extract().path("token");
        given().header("Authorization", TestTokens.bearer(token)).get("/api/v1/auth/whoami")
                .then().statusCode(200).body("subject", equalTo("bob")).body("roles", hasItems("viewer", "operator"));
    }

    @Test
    void badTokenRequestIs400NamingTheField() {
        given().header("Authorization", TestTokens.bearer(TestTokens.admin()))
                .contentType(ContentType.JSON).body("{\"subject\":\"bob\",\"roles\":[\"root\"]}")
                .post("/api/v1/auth/tokens")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItem(startsWith("roles")))
                .body("errors.reason", hasItem("must be viewer, operator or admin"));
        given().header("Authorization", TestTokens.bearer(TestTokens.admin()))
                .contentType(ContentType.JSON).body("{\"subject\": ")
                .post("/api/v1/auth/tokens")
                .then().statusCode(400).contentType(PROBLEM_JSON);
    }

    @Test
    void aQueryParameterOfTheWrongTypeIs400NamingIt() {
        given().header("Authorization", TestTokens.bearer(TestTokens.admin()))
                .queryParam("page", "abc").get(pagedListPath())
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItem("page"));
    }

    /** A list endpoint of the service that takes the {@code page} query parameter. */
    protected abstract String pagedListPath();

    /**
     * The path of one named resource of the service, with {@code segment} (already URL-encoded) as the name; names
     * that can never be valid there must be refused with 400 or 404 problem+json.
     */
    protected abstract String namedResourcePath(String segment);

    @Test
    void aValueOfTheWrongTypeIs400NamingItsPath() {
        assertInvalidField("{\"subject\":\"bob\",\"roles\":[\"viewer\"],\"ttlHours\":\"three\"}", "ttlHours",
                "must be an integer, not \"three\"");
        assertInvalidField("{\"subject\":[\"x\"],\"roles\":[\"viewer\"]}", "subject", "must be a string, not an array");
        assertInvalidField("{\"subject\":\"bob\",\"roles\":[\"viewer\",{\"a\":1}]}", "roles[1]",
                "must be a string, not an object");
    }

    private void assertInvalidField(String body, String field, String reason) {
        asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/auth/tokens")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("https://rpi-k8s.io/problems/validation"))
                .body("errors[0].field", equalTo(field))
                .body("errors[0].reason", equalTo(reason));
    }

    @Test
    void aBodyThatIsNotAnObjectIs400ProblemJson() {
        for (String body : new String[] {"[]", "[{\"subject\":\"bob\"}]", "\"bob\"", "42", "true", "null"}) {
            asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/auth/tokens")
                    .then().statusCode(400).contentType(PROBLEM_JSON)
                    .body("detail", anyOf(startsWith("The body must be a JSON object"),
                            equalTo("The request body is required")));
        }
    }

    @Test
    void deeplyNestedJsonIs400ProblemJson() {
        String deep = "{\"subject\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        asAdmin().contentType(ContentType.JSON).body(deep).post("/api/v1/auth/tokens")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("status", equalTo(400));
    }

    @Test
    void malformedJsonIs400WithLineAndColumn() {
        asAdmin().contentType(ContentType.JSON).body("{\"subject\": \"bob\",\n  \"roles\": [}")
                .post("/api/v1/auth/tokens")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("https://rpi-k8s.io/problems/malformed-request"))
                .body("detail", containsString("at line 2, column 13"));
    }

    @Test
    void aMissingBodyIs400SayingTheBodyIsRequired() {
        asAdmin().contentType(ContentType.JSON).post("/api/v1/auth/tokens")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("detail", equalTo("The request body is required"))
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void namesThatCanNeverBeValidAreRefusedAs4xxProblemJson() {
        for (String segment : new String[] {"%00", "a%00b", "%F0%9F%98%80", "two%20words", "%E2%80%8Fabc",
                "UPPER", "-dash", "a".repeat(300)}) {
            int status = asAdmin().urlEncodingEnabled(false).get(namedResourcePath(segment))
                    .then().contentType(PROBLEM_JSON).extract().statusCode();
            assertTrue(status == 400 || status == 404, segment + " answered " + status);
        }
    }

    @Test
    void aControlCharacterInAQueryParameterIs400NamingIt() {
        asAdmin().urlEncodingEnabled(false).get(pagedListPath() + "?page=0&filter=%C3%BC%00")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors[0].field", equalTo("filter"))
                .body("errors[0].reason", startsWith("must not contain control characters"));
    }

    @Test
    void aControlCharacterIsCheckedOnlyAfterTheToken() {
        given().urlEncodingEnabled(false).get(namedResourcePath("%00"))
                .then().statusCode(401).contentType(PROBLEM_JSON);
    }

    @Test
    void oversizedRequestsAreProblemJson() {
        asAdmin().queryParam("q", "x".repeat(5000)).get(pagedListPath())
                .then().statusCode(414).contentType(PROBLEM_JSON).body("status", equalTo(414));
        asAdmin().header("X-Big", "y".repeat(60 * 1024)).get(pagedListPath())
                .then().statusCode(431).contentType(PROBLEM_JSON).body("status", equalTo(431));
        asAdmin().contentType(ContentType.JSON).body("{\"subject\":\"" + "z".repeat(2 * 1024 * 1024) + "\"}")
                .post("/api/v1/auth/tokens")
                .then().statusCode(413).contentType(PROBLEM_JSON).body("status", equalTo(413));
    }

    private static io.restassured.specification.RequestSpecification asAdmin() {
        return given().header("Authorization", TestTokens.bearer(TestTokens.admin()));
    }

    @Test
    void unknownApiPathIs404ProblemJson() {
        given().header("Authorization", TestTokens.bearer(TestTokens.admin())).get("/api/v1/no-such-thing")
                .then().statusCode(404).contentType(PROBLEM_JSON).body("status", equalTo(404));
    }
}
