package io.rpik8s.examples.events;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rpik8s.model.events.EventTypes;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The app follows platform.deployments on the real broker: in order per app, once per event id, in the trace. */
@QuarkusTest
@WithTestResource(PlatformKafka.class)
class DeploymentEventsConsumerTest {

    // tag::test[]
    @Test
    void appliesEachAppsEventsInOrderOnceAndContinuesTheirTrace() {
        var created = PlatformKafka.deployment(EventTypes.DEPLOYMENT_CREATED, "apps", "shop", 1, "shop:1.0");
        var scaled = PlatformKafka.deployment(EventTypes.DEPLOYMENT_SCALED, "apps", "shop", 3, null);
        var updated = PlatformKafka.deployment(EventTypes.DEPLOYMENT_UPDATED, "apps", "shop", null, "shop:1.1");
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        PlatformKafka.publish(created, null, Instant.now());
        PlatformKafka.publish(scaled, null, Instant.now());
        PlatformKafka.publish(scaled, null, Instant.now()); // redelivered: same event id
        PlatformKafka.publish(updated, "00-" + trace + "-00f067aa0ba902b7-01", Instant.now());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/apps/apps/shop").then()
                .statusCode(200)
                .body("lastEvent", equalTo("deployment.updated"))
                .body("image", equalTo("shop:1.1"))
                .body("replicas", equalTo(3))
                .body("events", equalTo(3))
                .body("traceId", equalTo(trace)));
    }
    // end::test[]

    /** A record that is not platform event data is skipped; the events after it are still applied. */
    @Test
    void anUnreadableRecordDoesNotStopTheApp() {
        var broken = PlatformKafka.deployment(EventTypes.DEPLOYMENT_CREATED, "apps", "broken", 1, "broken:1");
        PlatformKafka.publishRaw(broken, "{not json");
        PlatformKafka.publish(PlatformKafka.deployment(EventTypes.DEPLOYMENT_CREATED, "apps", "after", 1, "after:1"),
                null, Instant.now());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/apps/apps/after").then()
                .statusCode(200));
        given().get("/apps/apps/broken").then().statusCode(404);
    }

    @Test
    void anUnknownAppIs404() {
        given().get("/apps/apps/never-deployed").then().statusCode(404);
    }
}
