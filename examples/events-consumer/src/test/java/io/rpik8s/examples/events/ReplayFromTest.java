package io.rpik8s.examples.events;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.model.events.Topics;
import io.rpik8s.dev.embedded.EmbeddedKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A new consumer group with events-app.replay-from starts at that time, not at the oldest retained event. */
@QuarkusTest
@WithTestResource(ReplayFromTest.EventsBeforeAndAfter.class)
class ReplayFromTest {

    /** Before the app starts: one event an hour ago, one a minute ago; the app replays from half an hour ago. */
    public static class EventsBeforeAndAfter implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            EmbeddedKafka.shared().createTopics(Topics.DEPLOYMENTS);
            Instant now = Instant.now();
            PlatformKafka.publish(PlatformKafka.deployment(EventTypes.DEPLOYMENT_CREATED, "apps", "legacy", 1,
                    "legacy:1"), null, now.minus(Duration.ofHours(1)));
            PlatformKafka.publish(PlatformKafka.deployment(EventTypes.DEPLOYMENT_CREATED, "apps", "fresh", 1,
                    "fresh:1"), null, now.minus(Duration.ofMinutes(1)));
            return Map.of("kafka.bootstrap.servers", EmbeddedKafka.shared().bootstrapServers(),
                    "mp.messaging.incoming.deployments.group.id", "replay-" + UUID.randomUUID(),
                    "events-app.replay-from", now.minus(Duration.ofMinutes(30)).toString());
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void eventsBeforeTheReplayTimeAreSkippedAndLaterOnesApplied() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/apps/apps/fresh").then()
                .statusCode(200).body("image", equalTo("fresh:1")));
        // legacy sits before fresh in the partition: had the group started at the oldest event, it would be here
        given().get("/apps/apps/legacy").then().statusCode(404);
    }
}
