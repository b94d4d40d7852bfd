package io.rpik8s.deployment;

import static io.rpik8s.deployment.DeploymentApiTest.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rpik8s.model.events.EventSchemas;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.model.events.Topics;
import io.rpik8s.dev.embedded.EmbeddedKafka;
import io.rpik8s.testsupport.EventProbe;
import io.rpik8s.testsupport.PlatformTestResource;
import io.rpik8s.testsupport.ReceivedEvent;
import io.rpik8s.testsupport.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Runs after the other tests of its app (it stops the shared broker, and starts it again). */
@QuarkusTest
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(PlatformTestResource.class)
@Order(Integer.MAX_VALUE - 1)
class OutboxOutageTest {

    @SimulatedClusterResource.Inject
    TestCluster cluster;

    @Test
    void changesMadeWhileKafkaIsDownAreDeliveredOnceWhenItReturns() {
        cluster.namespace("apps");
        // the probe reads from the end of the log, so it starts before the outage and reconnects after it
        try (EventProbe probe = EventProbe.on(Topics.DEPLOYMENTS)) {
            EmbeddedKafka.shared().stop();
            try {
                as(TestTokens.operator()).body(Map.of("name", "outage", "namespace", "apps", "image", "nginx:1.27"))
                        .post("/api/v1/deployments").then().statusCode(201);
                as(TestTokens.operator()).body(Map.of("replicas", 3)).post("/api/v1/deployments/apps/outage/scale")
                        .then().statusCode(200);
                as(TestTokens.operator()).post("/api/v1/deployments/apps/outage/restart").then().statusCode(200);
                as(TestTokens.operator()).delete("/api/v1/deployments/apps/outage").then().statusCode(204);
                assertThat(probe.received()).noneMatch(e -> "apps/outage".equals(e.key()));
            } finally {
                EmbeddedKafka.shared().start();
            }
            probe.await(EventTypes.DEPLOYMENT_DELETED, e -> "apps/outage".equals(e.key()), Duration.ofSeconds(60));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
            // the simulated cluster may have made the app ready before it was deleted: rollouts are not changes
            List<ReceivedEvent> ours = probe.received().stream().filter(e -> "apps/outage".equals(e.key())
                    && !EventTypes.DEPLOYMENT_READY.equals(e.type())).toList();
            assertThat(ours).extracting(ReceivedEvent::type).containsExactly(EventTypes.DEPLOYMENT_CREATED,
                    EventTypes.DEPLOYMENT_SCALED, EventTypes.DEPLOYMENT_RESTARTED, EventTypes.DEPLOYMENT_DELETED);
            Map<String, Long> ids = ours.stream().collect(Collectors.groupingBy(e -> e.header("ce_id"),
                    Collectors.counting()));
            assertThat(ids.values()).as("no duplicate ids").allMatch(n -> n == 1);
            ours.forEach(e -> assertThat(EventSchemas.validate(e.value())).isEmpty());
        }
    }
}
