package io.rpik8s.monitoring.sidecar;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.rpik8s.commons.messaging.PlatformEventPublisher;
import io.rpik8s.model.events.CloudEventHeaders;
import io.rpik8s.model.events.DeploymentPayload;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.EventSchemas;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.model.events.PlatformEvent;
import io.rpik8s.model.events.Topics;
import io.rpik8s.model.plugin.AppLabels;
import io.rpik8s.model.sidecar.SidecarApi;
import io.rpik8s.monitoring.support.MonitoringTestResource;
import io.rpik8s.monitoring.support.TestCluster;
import io.rpik8s.testsupport.EventProbe;
import io.rpik8s.testsupport.PlatformTestResource;
import io.rpik8s.testsupport.ReceivedEvent;
import io.rpik8s.testsupport.TestTokens;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sidecar API against the simulated cluster (the Fabric8 mock server answers TokenReviews as the API server
 * would: one token of the pod {@code shop-7d9f} of app {@code default/shop}, one it does not know) and the real
 * broker.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PlatformTestResource.class)
@WithTestResource(MonitoringTestResource.class)
class SidecarApiTest {

    static final String SHOP_TOKEN = "eyJ.shop-pod-token";
    static final String UNKNOWN_TOKEN = "eyJ.not-issued-by-this-cluster";

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    PlatformEventPublisher publisher;

    @TestHTTPResource("/api/v1/sidecar/apps/default/shop/events")
    URI shopEvents;

    @BeforeEach
    void cluster() {
        var json = server.getClient().getKubernetesSerialization();
        server.expect().post().withPath("/apis/authentication.k8s.io/v1/tokenreviews")
                .andReply(201, request -> review(json.unmarshal(request.getUtf8Body(), TokenReview.class)))
                .always();
        pod("shop-7d9f", "shop", "shop", null);
        pod("other-5c4b", "other", "other", null);
    }

    /** What a kube-apiserver answers: the shop pod's bound token is authenticated, anything else is not. */
    static TokenReview review(TokenReview asked) {
        TokenReviewBuilder answer = new TokenReviewBuilder(asked);
        if (SHOP_TOKEN.equals(asked.getSpec().getToken())
                && asked.getSpec().getAudiences().contains("rpi-k8s-platform")) {
            return answer.withNewStatus().withAuthenticated(true).withAudiences("rpi-k8s-platform").withNewUser()
                    .withUsername("system:serviceaccount:default:shop").withUid("3b1f")
                    .withGroups("system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated")
                    .withExtra(Map.of("authentication.kubernetes.io/pod-name", List.of("shop-7d9f"),
                            "authentication.kubernetes.io/pod-uid", List.of("9e0a")))
                    .endUser().endStatus().build();
        }
        return answer.withNewStatus().withAuthenticated(false).withError("invalid bearer token").endStatus().build();
    }

    private Pod pod(String name, String app, String serviceAccount, String waitingReason) {
        Pod pod = new TestCluster(server.getClient()).pod("default", name, "pi-1", waitingReason, 0);
        return server.getClient().pods().inNamespace("default").resource(new PodBuilder(pod).editMetadata()
                .addToLabels(AppLabels.APP, app).endMetadata().editSpec().withServiceAccountName(serviceAccount)
                .endSpec().build()).update();
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    @Test
    void aHealthReportIsPublishedAsAnEventOfThePodsAppWithItsIdentityAndTrace() {
        try (EventProbe probe = EventProbe.on(Topics.DEPLOYMENTS)) {
            String id = await().atMost(Duration.ofSeconds(20)).until(() -> as(SHOP_TOKEN)
                    .body("{\"status\": \"degraded\", \"message\": \"payment provider slow\"}")
                    .post(SidecarApi.base("default", "shop") + SidecarApi.HEALTH)
                    .then().extract(), r -> r.statusCode() == 202).path("id");

            ReceivedEvent event = probe.await(EventTypes.APP_HEALTH_REPORTED,
                    e -> id.equals(e.header(CloudEventHeaders.ID)));
            assertThat(event.key()).isEqualTo("default/shop");
            assertThat(event.header(CloudEventHeaders.SOURCE)).isEqualTo("/rpi-k8s-platform/monitoring-service");
            assertThat(event.header(CloudEventHeaders.SUBJECT)).isEqualTo("default/shop");
            assertThat(event.header(CloudEventHeaders.TRACEPARENT)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
            assertThat(EventSchemas.validate(event.value())).isEmpty();
            PlatformEvent data = event.data();
            assertThat(data.actor()).isEqualTo("system:serviceaccount:default:shop");
            assertThat(data.app().name()).isEqualTo("shop");
            assertThat(data.app().pod()).isEqualTo("shop-7d9f");
            assertThat(data.app().status()).isEqualTo("degraded");
            assertThat(data.app().message()).isEqualTo("payment provider slow");
        }
    }

    @Test
    void aCustomEventKeepsTheAppsOwnTypeAndData() {
        try (EventProbe probe = EventProbe.on(Topics.DEPLOYMENTS)) {
            String id = await().atMost(Duration.ofSeconds(20)).until(() -> as(SHOP_TOKEN)
                    .body("{\"type\": \"order.shipped\", \"data\": {\"order\": \"A-17\", \"items\": 3}}")
                    .post(SidecarApi.base("default", "shop") + SidecarApi.CUSTOM)
                    .then().extract(), r -> r.statusCode() == 202).path("id");
            ReceivedEvent event = probe.await(EventTypes.APP_CUSTOM, e -> id.equals(e.header(CloudEventHeaders.ID)));
            assertThat(EventSchemas.validate(event.value())).isEmpty();
            assertThat(event.data().app().type()).isEqualTo("order.shipped");
            assertThat(event.data().app().data()).containsEntry("order", "A-17").containsEntry("items", 3);
        }
    }

    @Test
    void anotherAppOrAPlatformTokenIsRefusedWith403AndAnUnknownTokenWith401() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(SHOP_TOKEN)
                .body("{\"status\": \"healthy\"}").post(SidecarApi.base("default", "other") + SidecarApi.HEALTH)
                .then().statusCode(403).contentType("application/problem+json")
                .body("status", equalTo(403))
                .body("detail", containsString("speaks for app default/shop, not default/other")));
        as(SHOP_TOKEN).get(SidecarApi.base("default", "other") + SidecarApi.EVENTS)
                .then().statusCode(403).contentType("application/problem+json");
        as(UNKNOWN_TOKEN).body("{\"status\": \"healthy\"}")
                .post(SidecarApi.base("default", "shop") + SidecarApi.HEALTH).then().statusCode(401)
                .contentType("application/problem+json");
        // A platform token opens the management API, not the sidecar API.
        as(TestTokens.admin()).body("{\"status\": \"healthy\"}")
                .post(SidecarApi.base("default", "shop") + SidecarApi.HEALTH).then().statusCode(403)
                .contentType("application/problem+json");
        // And a pod's token opens nothing but the sidecar API.
        as(SHOP_TOKEN).get("/api/v1/alerts").then().statusCode(401);
    }

    @Test
    void badReportsAreRefusedNamingTheField() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(SHOP_TOKEN)
                .body("{\"status\": \"fine\"}").post(SidecarApi.base("default", "shop") + SidecarApi.HEALTH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("status")));
        as(SHOP_TOKEN).body("{\"type\": \"Order Shipped!\"}").post(SidecarApi.base("default", "shop")
                + SidecarApi.CUSTOM).then().statusCode(400).body("errors[0].field", equalTo("type"));
    }

    @Test
    void theStreamCarriesTheAppsDeploymentEventsAndPodAlertsOnly() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(shopEvents).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + SHOP_TOKEN).build();
        HttpResponse<Stream<String>> answer = await().atMost(Duration.ofSeconds(20)).until(() -> HttpClient
                .newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS),
                r -> r.statusCode() == 200);
        Thread reader = new Thread(() -> {
            try {
                answer.body().forEach(lines::add);
            } catch (java.io.UncheckedIOException closedByTheTest) {
                // the test ends the stream
            }
        }, "sidecar-sse-reader");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event:" + SidecarApi.HEARTBEAT));

        EventEnvelope other = EventEnvelope.of("deployment-service", PlatformEvent.deployment(
                EventTypes.DEPLOYMENT_READY, DeploymentPayload.of("other", "default", 1, "other:1"), null));
        EventEnvelope shop = EventEnvelope.of("deployment-service", PlatformEvent.deployment(
                EventTypes.DEPLOYMENT_READY, DeploymentPayload.of("shop", "default", 2, "shop:1"), null));
        publisher.publish(other).await().atMost(Duration.ofSeconds(20));
        publisher.publish(shop).await().atMost(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(30)).until(() -> lines.contains("id:" + shop.id()));
        assertThat(lines).doesNotContain("id:" + other.id());
        assertThat(dataAfter(lines, "event:deployment.ready")).anySatisfy(d -> assertThat(d)
                .contains("\"name\":\"shop\"").contains("\"namespace\":\"default\""));

        // A crash-looping pod of the app raises PodCrashLooping (built-in engine) about that pod.
        pod("shop-crash", "shop", "shop", "CrashLoopBackOff");
        pod("other-crash", "other", "other", "CrashLoopBackOff");
        await().atMost(Duration.ofSeconds(30)).until(() -> dataAfter(lines, "event:alert.firing").stream()
                .anyMatch(d -> d.contains("pod/default/shop-crash")));
        assertThat(dataAfter(lines, "event:alert.firing")).noneMatch(d -> d.contains("other-crash"));
        answer.body().close();
    }

    private static List<String> dataAfter(List<String> lines, String eventLine) {
        List<String> data = new ArrayList<>();
        for (int i = 0; i < lines.size() - 1; i++) {
            if (lines.get(i).equals(eventLine)) {
                for (int j = i + 1; j < lines.size() && !lines.get(j).isEmpty(); j++) {
                    if (lines.get(j).startsWith("data:")) {
                        data.add(lines.get(j).substring(5));
                    }
                }
            }
        }
        return data;
    }
}
