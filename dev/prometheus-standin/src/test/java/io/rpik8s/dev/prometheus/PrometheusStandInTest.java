package io.rpik8s.dev.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PrometheusStandInTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NODES = List.of("pi-master", "pi-worker-1", "pi-worker-2", "pi-worker-3");
    private static final Instant BOOT = Instant.now();
    private static PrometheusStandIn server;
    private static String url;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = new PrometheusStandIn(new SimulatedSeries(new ThermalModel(BOOT, NODES),
                () -> NODES.stream().map(n -> new SimulatedSeries.NodeInfo(n, "10.0.0.1")).toList(),
                () -> List.of(new SimulatedSeries.VolumeInfo("ml-platform", "models", 2L << 30, "pi-worker-1", BOOT))));
        url = server.start(0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void answersAVectorSelectorInPrometheusShape() throws Exception {
        HttpResponse<String> response = get("/api/v1/query?query=" + enc("node_thermal_zone_temp{node=~\"pi-worker-.*\",node!=\"pi-worker-3\"}"));
        assertEquals(200, response.statusCode());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("success", body.path("status").asText());
        assertEquals("vector", body.path("data").path("resultType").asText());
        JsonNode result = body.path("data").path("result");
        assertEquals(2, result.size());
        JsonNode first = result.get(0);
        assertEquals("node_thermal_zone_temp", first.path("metric").path("__name__").asText());
        assertEquals("pi-worker-1", first.path("metric").path("node").asText());
        assertTrue(first.path("value").get(0).isNumber());
        double celsius = Double.parseDouble(first.path("value").get(1).asText());
        assertTrue(celsius > 35 && celsius < 90, "temperature " + celsius);
    }

    @Test
    void answersRangeQueriesByFormPost() throws Exception {
        long now = Instant.now().getEpochSecond();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/query_range"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("query=" + enc("kubelet_volume_stats_used_bytes")
                        + "&start=" + (now - 60) + "&end=" + now + "&step=15s")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("matrix", body.path("data").path("resultType").asText());
        JsonNode series = body.path("data").path("result").get(0);
        assertEquals("models", series.path("metric").path("persistentvolumeclaim").asText());
        assertEquals(5, series.path("values").size());
        assertTrue(series.path("values").get(0).get(0).toString().matches("\\d+(\\.\\d+)?"), series.toString());
    }

    @Test
    void rejectsWhatItCannotParseWithBadData() throws Exception {
        HttpResponse<String> response = get("/api/v1/query?query=" + enc("sum(rate(x[5m]))"));
        assertEquals(400, response.statusCode());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("error", body.path("status").asText());
        assertEquals("bad_data", body.path("errorType").asText());
        assertTrue(body.path("error").asText().startsWith("invalid parameter \"query\": 1:"), body.toString());
    }

    @Test
    void oneNodeRunsHotAndThrottlesWhileHot() {
        ThermalModel model = new ThermalModel(BOOT, NODES);
        Instant hot = BOOT.plusSeconds(ThermalModel.HOT_FROM + 10);
        assertTrue(model.temperature("pi-worker-2", hot) > 80);
        assertEquals(0xE, model.throttled("pi-worker-2", hot) & 0xE);
        Instant cool = BOOT.plusSeconds(ThermalModel.COOL_UNTIL + 30);
        assertTrue(model.temperature("pi-worker-2", cool) < 70);
        assertEquals(0, model.throttled("pi-worker-2", cool) & 0xF);
        assertEquals(0xE, (model.throttled("pi-worker-2", cool) >> 16) & 0xE, "occurred-since-boot bits stay set");
    }

    @Test
    void servesReadinessAndBuildInfo() throws Exception {
        assertEquals(200, get("/-/ready").statusCode());
        assertEquals(200, get("/-/healthy").statusCode());
        assertEquals("success", JSON.readTree(get("/api/v1/status/buildinfo").body()).path("status").asText());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
