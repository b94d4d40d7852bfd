package io.rpik8s.monitoring;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetricsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.restassured.specification.RequestSpecification;
import io.rpik8s.monitoring.support.FakePiExporter;
import io.rpik8s.monitoring.support.MonitoringTestResource;
import io.rpik8s.monitoring.support.TestCluster;
import io.rpik8s.testsupport.PlatformTestResource;
import io.rpik8s.testsupport.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Node, pod and summary views from the informers, with Pi readings through the real Prometheus. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PlatformTestResource.class)
@WithTestResource(MonitoringTestResource.class)
class ClusterApiTest {

    @KubernetesTestServer
    KubernetesServer server;

    private static RequestSpecification viewer() {
        return given().header("Authorization", TestTokens.bearer(TestTokens.viewer()));
    }

    @Test
    void nodeViewShowsConditionsCapacityPodsAndDecodedPiReadingsFromPrometheus() {
        KubernetesClient client = server.getClient();
        TestCluster cluster = new TestCluster(client);
        FakePiExporter exporter = MonitoringTestResource.exporter();
        cluster.node("pi-view-1", true, true, "10.0.0.21");
        cluster.pod("ml", "mlflow-0", "pi-view-1", null, 0);
        exporter.temperature("pi-view-1", 52.5);
        // Throttled and frequency capped since boot, under-voltage now and since boot.
        exporter.throttled("pi-view-1", 0x70001);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> viewer().get("/api/v1/cluster/nodes/pi-view-1")
                .then().statusCode(200)
                .body("name", equalTo("pi-view-1"))
                .body("ready", equalTo(true))
                .body("simulated", equalTo(true))
                .body("roles", hasItem("worker"))
                .body("arch", equalTo("arm64"))
                .body("kubeletVersion", equalTo("v1.31.4+k3s1"))
                .body("internalIp", equalTo("10.0.0.21"))
                .body("capacity.memory", equalTo("8Gi"))
                .body("allocatable.cpu", equalTo("4"))
                .body("conditions.type", hasItem("DiskPressure"))
                .body("pods.name", hasItem("mlflow-0"))
                .body("pi.temperatureCelsius", equalTo(52.5f))
                .body("pi.temperatureSource", equalTo("node_thermal_zone_temp"))
                .body("pi.throttling.raw", equalTo(0x70001))
                .body("pi.throttling.now.underVoltage", equalTo(true))
                .body("pi.throttling.now.throttled", equalTo(false))
                .body("pi.throttling.now.armFrequencyCapped", equalTo(false))
                .body("pi.throttling.sinceBoot.underVoltage", equalTo(true))
                .body("pi.throttling.sinceBoot.armFrequencyCapped", equalTo(true))
                .body("pi.throttling.sinceBoot.throttled", equalTo(true))
                .body("pi.throttling.sinceBoot.softTemperatureLimit", equalTo(false)));

        // hwmon is the fallback when a node has no thermal zone.
        cluster.node("pi-view-2", true, false, "10.0.0.22");
        exporter.hwmonTemperature("pi-view-2", 61.0);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> viewer().get("/api/v1/cluster/nodes")
                .then().statusCode(200)
                .body("find { it.name == 'pi-view-2' }.pi.temperatureCelsius", equalTo(61.0f))
                .body("find { it.name == 'pi-view-2' }.pi.temperatureSource", equalTo("node_hwmon_temp_celsius"))
                .body("find { it.name == 'pi-view-2' }.simulated", equalTo(false)));

        // A node whose InternalIP is the real node exporter's host gets its load and memory (no node label there).
        cluster.node("pi-loopback", true, false, "127.0.0.1");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> viewer().get("/api/v1/cluster/nodes/pi-loopback")
                .then().statusCode(200)
                .body("usage.source", equalTo("node-exporter"))
                .body("usage.load1", greaterThanOrEqualTo(0.0f))
                .body("usage.memoryTotalBytes", greaterThanOrEqualTo(1.0e6f))
                .body("usage.memoryUsedBytes", greaterThanOrEqualTo(1.0f)));

        viewer().get("/api/v1/cluster/nodes/no-such-node").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void podsAreFilteredAndPaginatedAndBadFiltersAre400() {
        TestCluster cluster = new TestCluster(server.getClient());
        cluster.node("pi-pods-1", true, true, "10.0.0.31");
        cluster.pod("pods-a", "web-1", "pi-pods-1", null, 0);
        cluster.pod("pods-a", "web-2", "pi-pods-1", "ImagePullBackOff", 0);
        cluster.pod("pods-b", "job-1", "pi-pods-1", null, 3);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> viewer().queryParam("node", "pi-pods-1")
                .get("/api/v1/cluster/pods").then().statusCode(200).body("total", equalTo(3)));
        viewer().queryParam("namespace", "pods-a").queryParam("size", 1).queryParam("page", 1)
                .get("/api/v1/cluster/pods").then().statusCode(200)
                .body("total", equalTo(2)).body("items.size()", equalTo(1))
                .body("items[0].name", equalTo("web-2"))
                .body("items[0].ready", equalTo(false))
                .body("items[0].waitingReason", equalTo("ImagePullBackOff"))
                .body("items[0].node", equalTo("pi-pods-1"));
        viewer().queryParam("label", "app=job-1").get("/api/v1/cluster/pods").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].restarts", equalTo(3))
                .body("items[0].phase", equalTo("Running"));

        // A namespace the platform does not show: its pods stay out of every list, and naming it is a 400.
        cluster.pod("kube-system", "coredns-1", "pi-pods-1", null, 0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> viewer().get("/api/v1/cluster/nodes/pi-pods-1")
                .then().statusCode(200).body("pods.name", hasItem("web-1")));
        viewer().queryParam("node", "pi-pods-1").get("/api/v1/cluster/pods").then().statusCode(200)
                .body("total", equalTo(3)).body("items.namespace", not(hasItem("kube-system")));
        viewer().get("/api/v1/cluster/nodes/pi-pods-1").then().statusCode(200)
                .body("pods.name", not(hasItem("coredns-1")));
        viewer().queryParam("namespace", "kube-system").get("/api/v1/cluster/pods").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("namespace"))
                .body("errors.reason", hasItem(containsString("not managed")));

        viewer().queryParam("phase", "Sleeping").get("/api/v1/cluster/pods").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem(containsString("phase")));
        viewer().queryParam("size", 501).get("/api/v1/cluster/pods").then().statusCode(400)
                .body("errors.field", hasItem(containsString("size")));
        viewer().queryParam("label", "novalue").get("/api/v1/cluster/pods").then().statusCode(400)
                .body("errors.field", hasItem("label"));
    }

    @Test
    void summaryCountsNodesPodsRequestsAndTheHottestPi() {
        TestCluster cluster = new TestCluster(server.getClient());
        cluster.node("pi-sum-1", true, true, "10.0.0.41");
        cluster.node("pi-sum-2", false, true, "10.0.0.42");
        cluster.pod("sum", "api-1", "pi-sum-1", null, 0);
        MonitoringTestResource.exporter().temperature("pi-sum-1", 71.25);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> viewer().get("/api/v1/cluster/summary")
                .then().statusCode(200)
                .body("nodesTotal", greaterThanOrEqualTo(2))
                .body("simulated", equalTo(true))
                .body("podsByPhase.Running", greaterThanOrEqualTo(1))
                .body("cpu.requested", greaterThanOrEqualTo(0.25f))
                .body("cpu.allocatable", greaterThanOrEqualTo(8.0f))
                .body("memory.allocatable", notNullValue())
                .body("hottestTemperature", greaterThanOrEqualTo(71.25f))
                .body("activeAlerts", greaterThanOrEqualTo(0)));
        Map<String, Object> summary = viewer().get("/api/v1/cluster/summary").then().extract().jsonPath().getMap("");
        List<Map<String, Object>> nodes = viewer().get("/api/v1/cluster/nodes").then().extract().jsonPath()
                .getList("");
        assertThat(summary.get("nodesTotal")).isEqualTo(nodes.size());
        assertThat(summary.get("nodesReady"))
                .isEqualTo((int) nodes.stream().filter(n -> Boolean.TRUE.equals(n.get("ready"))).count());
    }

    @Test
    void nodeUsageComesFromTheMetricsApiWhenItIsServed() {
        TestCluster cluster = new TestCluster(server.getClient());
        cluster.node("pi-metrics-1", true, false, "10.0.0.51");
        server.getClient().resource(new NodeMetricsBuilder().withNewMetadata().withName("pi-metrics-1").endMetadata()
                .withTimestamp("2026-11-25T12:00:00Z")
                .withUsage(Map.of("cpu", new Quantity("1500m"), "memory", new Quantity("2Gi"))).build()).create();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> viewer().get("/api/v1/cluster/nodes/pi-metrics-1")
                .then().statusCode(200)
                .body("usage.source", equalTo("metrics.k8s.io"))
                .body("usage.cpuCores", equalTo(1.5f))
                .body("usage.memoryUsedBytes", equalTo(2.0f * 1024 * 1024 * 1024))
                .body("usage.memoryTotalBytes", equalTo(8.0f * 1024 * 1024 * 1024))
                .body("usage.load1", nullValue()));
        viewer().get("/api/v1/cluster/nodes").then().statusCode(200)
                .body("find { it.name == 'pi-metrics-1' }.usage.cpuCores", equalTo(1.5f));
    }

    @Test
    void restartsInTheLastHourCountEveryRestartTheInformerSees() {
        TestCluster cluster = new TestCluster(server.getClient());
        cluster.node("pi-restarts-1", true, true, "10.0.0.61");
        cluster.pod("restarts", "flaky-1", "pi-restarts-1", null, 0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> viewer().queryParam("namespace", "restarts")
                .get("/api/v1/cluster/pods").then().statusCode(200).body("total", equalTo(1)));
        int before = restartsLastHour();

        // One container restarting four times is four restarts, not one container.
        cluster.pod("restarts", "flaky-1", "pi-restarts-1", "CrashLoopBackOff", 4);
        await().atMost(Duration.ofSeconds(10)).until(() -> restartsLastHour() == before + 4);
        cluster.pod("restarts", "flaky-1", "pi-restarts-1", null, 5);
        await().atMost(Duration.ofSeconds(10)).until(() -> restartsLastHour() == before + 5);
        // An update that does not raise the count adds nothing.
        cluster.pod("restarts", "flaky-1", "pi-restarts-1", "CrashLoopBackOff", 5);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> restartsLastHour() == before + 5);
    }

    private int restartsLastHour() {
        return viewer().get("/api/v1/cluster/summary").then().statusCode(200).extract().path("restartsLastHour");
    }
}
