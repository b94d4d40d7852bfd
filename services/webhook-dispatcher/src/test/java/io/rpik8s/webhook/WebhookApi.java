package io.rpik8s.webhook;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.rpik8s.testsupport.TestTokens;
import java.util.Map;
import java.util.UUID;

/** REST calls the tests make, as an admin unless told otherwise. */
public final class WebhookApi {

    private WebhookApi() {
    }

    static RequestSpecification admin() {
        return given().header("Authorization", TestTokens.bearer(TestTokens.admin())).contentType(ContentType.JSON);
    }

    static RequestSpecification viewer() {
        return given().header("Authorization", TestTokens.bearer(TestTokens.viewer())).contentType(ContentType.JSON);
    }

    /** Registers an endpoint and answers the creation response (id and secret). */
    public static JsonPath register(Map<String, Object> body) {
        return admin().body(body).post("/api/v1/webhooks/endpoints").then().statusCode(201).extract().jsonPath();
    }

    /** A namespace no other test uses, so endpoints filtered on it see only this test's events. */
    public static String freshNamespace() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static JsonPath message(String id) {
        return viewer().get("/api/v1/webhooks/messages/" + id).then().statusCode(200).extract().jsonPath();
    }
}
