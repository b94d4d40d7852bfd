package io.rpik8s.localrun.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.rpik8s.localrun.PlatformHarness;
import io.rpik8s.model.events.Topics;
import io.rpik8s.testsupport.EventProbe;
import io.rpik8s.testsupport.ReceivedEvent;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Faults the platform can meet, caused for real on the packaged services with the real broker and PostgreSQL: a
 * crashed dispatcher, a restarted broker, a restarted database, a receiver down for the whole retry schedule, the
 * Kubernetes API gone. Each case checks that no event is lost, none stays stuck, ids stay stable and the platform
 * recovers by itself, and records its figures in {@code target/reliability/faults.md} (copied to
 * {@code docs/reliability.md}). The cases work in the managed namespace {@code apps}, which no other suite uses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(3)
class FaultsIT {

    private static final String NS = "apps";
    private static final Duration RECOVERY = Duration.ofSeconds(120);
    private final PlatformHarness platform = PlatformHarness.shared();
    private final PlatformApi api = new PlatformApi(platform);
    private final List<String> figures = new CopyOnWriteArrayList<>();
    private WebhookReceiver receiver;
    private EventProbe probe;

    @BeforeAll
    void listen() {
        platform.kubernetes().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata().withName(NS).endMetadata().build())
                .createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
        receiver = new WebhookReceiver();
        probe = EventProbe.on(platform.kafka().bootstrapServers(), List.of(Topics.DEPLOYMENTS));
    }

    @AfterAll
    void writeFigures() throws Exception {
        probe.close();
        receiver.close();
        Files.writeString(PlatformHarness.figures("faults.md"), "| case | events sent | delivered | duplicates"
                + " | lost | recovery |\n|---|---|---|---|---|---|\n" + String.join("\n", figures) + "\n");
    }

    @Test
    void aDispatcherKilledInABurstDeliversEveryEventAfterItsRestart() throws Exception {
        String path = "/sigkill";
        awaitDispatcherCaughtUp();
        String endpoint = endpoint(path, "deployment.scaled");
        deploy("burst", 1);
        List<Integer> burst = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            if (i == 15) {
                platform.kill("webhook-dispatcher");
            }
            int replicas = 1 + (i % 3) + (i % 2 == 0 ? 0 : 3);
            api.json("POST", "deployment-service", "/api/v1/deployments/" + NS + "/burst/scale",
                    "{\"replicas\":" + replicas + "}", 200);
            burst.add(replicas);
        }
        Instant restarted = Instant.now();
        platform.restart("webhook-dispatcher");
        Set<String> sent = eventIds("deployment.scaled", NS + "/burst", 1);
        List<String> delivered = awaitDelivered(path, sent);
        Duration recovery = Duration.between(restarted, Instant.now());
        record("webhook-dispatcher SIGKILL in a burst of " + burst.size() + " scale calls", sent.size(), delivered,
                recovery);
        assertStableAndComplete(sent, delivered);
        deleteEndpoint(endpoint);
    }

    @Test
    void deployCallsDuringABrokerRestartAreAllAnnouncedOnce() throws Exception {
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            deployExpectingSuccessOrUnavailable("kafka-before-" + i, accepted);
        }
        platform.kafka().stop();
        Instant restarted;
        try {
            for (int i = 0; i < 4; i++) {
                deployExpectingSuccessOrUnavailable("kafka-down-" + i, accepted);
            }
        } finally {
            platform.kafka().start();
            restarted = Instant.now();
        }
        for (int i = 0; i < 4; i++) {
            deployExpectingSuccessOrUnavailable("kafka-after-" + i, accepted);
        }
        Map<String, Set<String>> idsPerApp = awaitCreatedEvents(accepted);
        Duration recovery = Duration.between(restarted, Instant.now());
        int events = probe.ofType("deployment.created").stream()
                .filter(e -> accepted.contains(e.header("ce_subject"))).toList().size();
        figures.add("| Kafka broker restarted during " + 12 + " deploy calls (" + accepted.size() + " accepted) | "
                + accepted.size() + " | " + events + " on Kafka | " + (events - accepted.size()) + " | 0 | "
                + recovery.toSeconds() + " s |");
        assertThat(idsPerApp).as("one event id per accepted app").allSatisfy((app, ids) -> assertThat(ids).hasSize(1));
    }

    @Test
    void aPostgresRestartUnderLoadLosesNothingAndTheServicesRecover() throws Exception {
        List<String> accepted = new ArrayList<>();
        List<Integer> duringOutage = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            deployExpectingSuccessOrUnavailable("pg-before-" + i, accepted);
        }
        platform.stopPostgres();
        Instant restarted;
        try {
            for (int i = 0; i < 3; i++) {
                duringOutage.add(deployExpectingSuccessOrUnavailable("pg-down-" + i, accepted));
                for (String[] read : List.of(new String[] {"webhook-dispatcher", "/api/v1/webhooks/endpoints"},
                        new String[] {"storage-service", "/api/v1/storage/databases"})) {
                    HttpResponse<String> answer = api.send("GET", read[0], read[1], platform.admin(), null);
                    duringOutage.add(answer.statusCode());
                    assertUnavailableOrOk(read[0] + read[1], answer);
                }
            }
        } finally {
            platform.startPostgres();
            restarted = Instant.now();
        }
        await().atMost(RECOVERY).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String service : PlatformHarness.SERVICES) {
                assertThat(api.send("GET", service, "/q/health/ready", null, null).statusCode()).as(service)
                        .isEqualTo(200);
            }
        });
        Duration recovery = Duration.between(restarted, Instant.now());
        for (int i = 0; i < 3; i++) {
            api.json("POST", "deployment-service", "/api/v1/deployments", deployBody("pg-after-" + i, 1), 201);
            accepted.add(NS + "/pg-after-" + i);
        }
        Map<String, Set<String>> idsPerApp = awaitCreatedEvents(accepted);
        assertThat(idsPerApp).allSatisfy((app, ids) -> assertThat(ids).as(app).hasSize(1));
        // Nothing half-written: every app the platform lists had its creation announced.
        Set<String> listed = api.snapshot().get("apps").stream().filter(a -> a.startsWith(NS + "/pg-"))
                .collect(Collectors.toSet());
        assertThat(accepted).containsAll(listed);
        figures.add("| PostgreSQL restarted under load (answers during the outage: " + duringOutage + ") | "
                + accepted.size() + " | " + accepted.size() + " on Kafka | 0 | 0 | " + recovery.toSeconds()
                + " s to every service ready |");
    }

    @Test
    void anEventRefusedForTheWholeRetryScheduleIsDeliveredByAReplayWithItsId() throws Exception {
        String path = "/down";
        awaitDispatcherCaughtUp();
        String endpoint = endpoint(path, "deployment.created");
        Instant since = Instant.now().minusSeconds(5);
        Set<String> sent;
        String messageId;
        List<String> attempts;
        receiver.down(true);
        try {
            deploy("retry-app", 1);
            sent = eventIds("deployment.created", NS + "/retry-app", 1);
            messageId = "msg_" + sent.iterator().next();
            // The local schedule is 1 s, 2 s, 4 s, 8 s: the delivery fails for good after the fifth attempt.
            await().atMost(RECOVERY).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(
                    failedMessages(endpoint)).as(() -> "failed deliveries to " + endpoint + "; the message: "
                            + messageState(messageId) + "; attempts seen by the receiver: " + receiver.attempts(path)
                            + "; the dispatcher's log ends with:\n" + logTail("webhook-dispatcher"))
                    .contains(messageId));
            attempts = receiver.attempts(path);
            assertThat(attempts).as("every attempt carries the event's id").containsOnly(messageId).hasSize(5);
        } finally {
            // Up again whatever happened: the cases after this one deliver to the same receiver.
            receiver.down(false);
        }
        Instant replayed = Instant.now();
        api.json("POST", "webhook-dispatcher", "/api/v1/webhooks/replay-failed",
                "{\"since\":\"" + since + "\",\"endpointId\":\"" + endpoint + "\"}", 202);
        List<String> delivered = awaitDelivered(path, Set.of(sent.iterator().next()));
        record("receiver down for the whole retry schedule (" + attempts.size() + " attempts), then a replay",
                sent.size(), delivered, Duration.between(replayed, Instant.now()));
        assertStableAndComplete(sent, delivered);
        assertThat(failedMessages(endpoint)).as("nothing left failed").doesNotContain(messageId);
        deleteEndpoint(endpoint);
    }

    @Test
    void aDeployWhileTheKubernetesApiIsDownIsRefusedCleanlyAndSucceedsAfter() throws Exception {
        platform.kubernetesApi().goDown();
        HttpResponse<String> refused;
        Instant back;
        try {
            refused = api.send("POST", "deployment-service", "/api/v1/deployments", platform.admin(),
                    deployBody("k8s-down", 1));
        } finally {
            platform.kubernetesApi().comeBack();
            back = Instant.now();
        }
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        await().atMost(RECOVERY).pollInterval(Duration.ofMillis(500)).until(() -> api.send("POST",
                "deployment-service", "/api/v1/deployments", platform.admin(), deployBody("k8s-down", 1))
                .statusCode() == 201);
        Duration recovery = Duration.between(back, Instant.now());
        Map<String, Set<String>> ids = awaitCreatedEvents(List.of(NS + "/k8s-down"));
        figures.add("| Kubernetes API down during a deploy (503 + Retry-After, then 201) | 1 | 1 on Kafka | 0 | 0 | "
                + recovery.toSeconds() + " s |");
        assertThat(ids.get(NS + "/k8s-down")).as("one creation announced").hasSize(1);
    }

    @Test
    void aPlatformAppReconciledAcrossAnApiOutageConverges() throws Exception {
        ResourceDefinitionContext crd = new ResourceDefinitionContext.Builder().withGroup("rpi-k8s.io")
                .withVersion("v1alpha1").withPlural("platformapps").withKind("PlatformApp").withNamespaced(true)
                .build();
        GenericKubernetesResource app = new GenericKubernetesResourceBuilder().withApiVersion("rpi-k8s.io/v1alpha1")
                .withKind("PlatformApp").withNewMetadata().withName("reconciled").withNamespace(NS).endMetadata()
                .addToAdditionalProperties("spec", Map.of("image", "nginx:1.27", "replicas", 2)).build();
        platform.kubernetes().genericKubernetesResources(crd).inNamespace(NS).resource(app).create();
        platform.kubernetesApi().goDown();
        Instant back;
        try {
            // The outage is real for the services: deployment-service reports the API down before it comes back.
            await().atMost(RECOVERY).pollInterval(Duration.ofMillis(500)).until(() -> api.send("GET",
                    "deployment-service", "/q/health/ready", null, null).statusCode() == 503);
        } finally {
            platform.kubernetesApi().comeBack();
            back = Instant.now();
        }
        await().atMost(RECOVERY).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            var deployment = platform.kubernetes().apps().deployments().inNamespace(NS).withName("reconciled").get();
            assertThat(deployment).as("the Deployment of the PlatformApp").isNotNull();
            assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
            GenericKubernetesResource current = platform.kubernetes().genericKubernetesResources(crd).inNamespace(NS)
                    .withName("reconciled").get();
            @SuppressWarnings("unchecked")
            Map<String, Object> status = (Map<String, Object>) current.getAdditionalProperties().get("status");
            assertThat(status).as("PlatformApp status").isNotNull();
            assertThat(String.valueOf(status.get("conditions"))).contains("type=Ready").contains("status=True");
        });
        figures.add("| Kubernetes API down during PlatformApp reconciliation | 1 | converged | 0 | 0 | "
                + Duration.between(back, Instant.now()).toSeconds() + " s to Ready |");
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Waits until webhook-dispatcher has recorded every platform event published so far (its consumer group's
     * committed offsets reach the end of each partition). An endpoint registered before that would also receive the
     * earlier cases' events of the same type and namespace still in the dispatcher's backlog (after the broker
     * restart, say), and their failures would trip its circuit breaker, holding back the case's own event.
     */
    private void awaitDispatcherCaughtUp() {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
                "bootstrap.servers", platform.kafka().bootstrapServers()))) {
            await().atMost(RECOVERY).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata>
                        committed = admin.listConsumerGroupOffsets("webhook-dispatcher")
                                .partitionsToOffsetAndMetadata().get();
                Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> ends =
                        new java.util.HashMap<>();
                for (var description : admin.describeTopics(List.of(Topics.DEPLOYMENTS, Topics.ALERTS,
                        Topics.STORAGE)).allTopicNames().get().values()) {
                    description.partitions().forEach(p -> ends.put(new org.apache.kafka.common.TopicPartition(
                            description.name(), p.partition()), org.apache.kafka.clients.admin.OffsetSpec.latest()));
                }
                Map<String, String> behind = new java.util.TreeMap<>();
                admin.listOffsets(ends).all().get().forEach((partition, end) -> {
                    var at = committed.get(partition);
                    if (end.offset() > 0 && (at == null || at.offset() < end.offset())) {
                        behind.put(partition.toString(), (at == null ? "none" : at.offset()) + " of " + end.offset());
                    }
                });
                assertThat(behind).as("webhook-dispatcher's committed offsets behind the end of the topics").isEmpty();
            });
        }
    }

    private String endpoint(String path, String type) throws Exception {
        JsonNode endpoint = api.json("POST", "webhook-dispatcher", "/api/v1/webhooks/endpoints",
                "{\"url\":\"" + receiver.url(path) + "\",\"filterTypes\":[\"" + type + "\"],\"namespacesInclude\":[\""
                        + NS + "\"]}", 201);
        platform.rememberSecret(endpoint.get("secret").asText());
        return endpoint.get("id").asText();
    }

    private void deleteEndpoint(String id) throws Exception {
        api.send("DELETE", "webhook-dispatcher", "/api/v1/webhooks/endpoints/" + id, platform.admin(), null);
    }

    private void deploy(String name, int replicas) throws Exception {
        api.json("POST", "deployment-service", "/api/v1/deployments", deployBody(name, replicas), 201);
    }

    private static String deployBody(String name, int replicas) {
        return "{\"name\":\"" + name + "\",\"namespace\":\"" + NS + "\",\"image\":\"nginx:1.27\",\"replicas\":"
                + replicas + "}";
    }

    /** Deploys {@code name}; an outage may refuse it, but only with 503 problem+json. Answers the status. */
    private int deployExpectingSuccessOrUnavailable(String name, List<String> accepted) throws Exception {
        HttpResponse<String> answer = api.send("POST", "deployment-service", "/api/v1/deployments", platform.admin(),
                deployBody(name, 1));
        assertUnavailableOrOk("deploy " + name, answer);
        if (answer.statusCode() == 201) {
            accepted.add(NS + "/" + name);
        }
        return answer.statusCode();
    }

    private static void assertUnavailableOrOk(String call, HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as("%s: %s", call, answer.body()).isIn(200, 201, 503);
        if (answer.statusCode() == 503) {
            assertThat(answer.headers().firstValue("Content-Type")).as(call).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
        }
    }

    /** Ids of the events of {@code type} about {@code subject} seen on Kafka, once at least {@code min} arrived. */
    private Set<String> eventIds(String type, String subject, int min) {
        return await().atMost(RECOVERY).pollInterval(Duration.ofMillis(250)).until(() -> probe.ofType(type).stream()
                .filter(e -> subject.equals(e.header("ce_subject"))).map(e -> e.header("ce_id"))
                .collect(Collectors.toSet()), ids -> ids.size() >= min);
    }

    private Map<String, Set<String>> awaitCreatedEvents(List<String> apps) {
        return await().atMost(RECOVERY).pollInterval(Duration.ofMillis(250)).until(() -> {
            Map<String, Set<String>> ids = new java.util.TreeMap<>();
            for (ReceivedEvent e : probe.ofType("deployment.created")) {
                if (apps.contains(e.header("ce_subject"))) {
                    ids.computeIfAbsent(e.header("ce_subject"), k -> new HashSet<>()).add(e.header("ce_id"));
                }
            }
            return ids;
        }, ids -> ids.keySet().containsAll(apps));
    }

    /** Waits until every id of {@code sent} was delivered (as {@code msg_<id>}); answers all deliveries. */
    private List<String> awaitDelivered(String path, Set<String> sent) {
        Set<String> expected = sent.stream().map(id -> "msg_" + id).collect(Collectors.toSet());
        return await().atMost(RECOVERY).pollInterval(Duration.ofMillis(250))
                .until(() -> receiver.delivered(path), d -> d.containsAll(expected));
    }

    private static void assertStableAndComplete(Set<String> sent, List<String> delivered) {
        Set<String> expected = sent.stream().map(id -> "msg_" + id).collect(Collectors.toSet());
        assertThat(delivered).as("every event delivered, under the id derived from the event")
                .containsAll(expected).allSatisfy(id -> assertThat(expected).contains(id));
    }

    /** The message as the delivery log shows it (deliveries and attempts), for a failure's message. */
    private String messageState(String messageId) {
        try {
            return api.send("GET", "webhook-dispatcher", "/api/v1/webhooks/messages/" + messageId, platform.admin(),
                    null).body();
        } catch (Exception e) {
            return "unreadable: " + e;
        }
    }

    /** The warnings and Kafka consumer lines at the end of a service's log, for a failure's message. */
    private String logTail(String service) {
        try (var lines = Files.lines(platform.logs().resolve(service + ".log"))) {
            List<String> kept = lines.filter(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.contains("SRMSG"))
                    .toList();
            return String.join("\n", kept.subList(Math.max(0, kept.size() - 40), kept.size()));
        } catch (Exception e) {
            return "unreadable: " + e;
        }
    }

    private Set<String> failedMessages(String endpoint) throws Exception {
        JsonNode page = api.json("GET", "webhook-dispatcher", "/api/v1/webhooks/messages?status=failed&endpointId="
                + endpoint, null, 200);
        Set<String> ids = new HashSet<>();
        page.path("items").forEach(m -> ids.add(m.path("id").asText()));
        return ids;
    }

    private void record(String scenario, int sent, List<String> delivered, Duration recovery) {
        long distinct = delivered.stream().distinct().count();
        figures.add("| " + scenario + " | " + sent + " | " + distinct + " | " + (delivered.size() - distinct) + " | "
                + (sent - distinct) + " | " + recovery.toSeconds() + " s |");
    }
}
