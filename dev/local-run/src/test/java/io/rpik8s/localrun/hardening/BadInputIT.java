package io.rpik8s.localrun.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.rpik8s.localrun.PlatformHarness;
import io.rpik8s.localrun.hardening.OpenApiCatalog.Operation;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The generated bad-input suite: hostile requests built from every operation of the four services' OpenAPI
 * documents (see {@link BadInputGenerator}), sent to the packaged services. None may get a 5xx or go unanswered,
 * every 4xx is problem+json, every bad credential is 401, the services stay ready, and the platform holds the same
 * apps, buckets, databases, volumes and webhook endpoints afterwards. Replay with {@code -Dfuzz.seed=S} (all) and
 * {@code -Dfuzz.cases=I,J} (some); {@code -Dfuzz.requests=N} changes the count (default 10,000).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(2)
class BadInputIT {

    private static final String REPLAY = Replay.command("BadInputIT");
    private final PlatformHarness platform = PlatformHarness.shared();
    private final PlatformApi api = new PlatformApi(platform);
    private final Map<String, String> fixtures = new LinkedHashMap<>();
    private HttpServer receiver;

    @BeforeAll
    void createFixtures() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        api.json("POST", "deployment-service", "/api/v1/deployments",
                "{\"name\":\"fuzz-fixture\",\"namespace\":\"default\",\"image\":\"nginx:1.27\",\"replicas\":1}", 201);
        api.json("POST", "storage-service", "/api/v1/storage/buckets", "{\"name\":\"fuzz-fixture\"}", 201);
        JsonNode database = api.json("POST", "storage-service", "/api/v1/storage/databases",
                "{\"name\":\"fuzz_fixture\",\"namespace\":\"default\"}", 201);
        platform.rememberPasswordsOf("default", database.get("secretName").asText());
        api.json("POST", "storage-service", "/api/v1/storage/volumes",
                "{\"name\":\"fuzz-fixture\",\"namespace\":\"default\",\"capacity\":\"1Gi\"}", 201);
        JsonNode endpoint = api.json("POST", "webhook-dispatcher", "/api/v1/webhooks/endpoints",
                "{\"url\":\"" + receiverUrl() + "\",\"description\":\"fuzz fixture\"}", 201);
        platform.rememberSecret(endpoint.get("secret").asText());
        fixtures.put("endpoint", endpoint.get("id").asText());
        JsonNode messages = api.json("GET", "webhook-dispatcher", "/api/v1/webhooks/messages?size=1", null, 200);
        fixtures.put("message", messages.path("items").path(0).path("id").asText("msg_fuzz-missing"));
    }

    @AfterAll
    void stopReceiver() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void hostileRequestsGetClearRefusalsAndChangeNothing() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        int count = Integer.getInteger("fuzz.requests", 10_000);
        System.out.printf("BadInputIT: seed %d (replay: %s -Dfuzz.seed=%d)%n", seed, REPLAY, seed);

        List<Operation> operations = new ArrayList<>();
        for (String service : PlatformHarness.SERVICES) {
            operations.addAll(OpenApiCatalog.read(service, platform.baseUrl(service)));
        }
        assertThat(operations).as("operations in the OpenAPI documents").hasSizeGreaterThan(40);
        List<String> good = List.of("Bearer " + platform.admin(), "Bearer " + platform.token("fuzz-operator", "operator"),
                "Bearer " + platform.viewer());
        List<FuzzRequest> requests = new BadInputGenerator(operations, this::fixture,
                TokenVariants.all(platform.signingKey()), good, receiverUrl()).generate(seed, count);
        String only = System.getProperty("fuzz.cases", "");
        if (!only.isBlank()) {
            Set<Integer> wanted = Arrays.stream(only.split(",")).map(String::trim).map(Integer::valueOf)
                    .collect(Collectors.toSet());
            requests = requests.stream().filter(r -> wanted.contains(r.index())).toList();
        } else {
            assertThat(requests).hasSizeGreaterThanOrEqualTo(count);
        }

        Map<String, TreeSet<String>> before = api.snapshot();
        FuzzRunner runner = new FuzzRunner(platform);
        Instant began = Instant.now();
        runner.run(requests, Integer.getInteger("fuzz.concurrency", 16));
        Duration took = Duration.between(began, Instant.now());
        removeWhatWasAccepted(runner.created());

        for (String service : PlatformHarness.SERVICES) {
            assertThat(api.send("GET", service, "/q/health/ready", null, null).statusCode())
                    .as("%s is still ready after the run", service).isEqualTo(200);
        }
        List<FuzzRunner.Violation> violations = runner.violations();
        String report = report(seed, requests.size(), took, runner, violations);
        Files.writeString(PlatformHarness.figures("bad-input.txt"), report);
        System.out.println(report);

        assertThat(violations).as("hostile requests answered wrongly (seed %d); %s", seed, report).isEmpty();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(api.snapshot()).as("what the platform holds after the run (seed %d)", seed)
                        .isEqualTo(before));
    }

    private String fixture(Operation op, String parameter) {
        String path = op.path();
        return switch (parameter) {
            case "namespace" -> "default";
            case "name" -> path.contains("/databases/") ? "fuzz_fixture"
                    : path.contains("/cluster/nodes/") ? "pi-worker-1" : "fuzz-fixture";
            case "bucket" -> "fuzz-fixture";
            case "key" -> "fuzz.txt";
            case "id" -> path.contains("/messages/") ? fixtures.get("message") : fixtures.get("endpoint");
            default -> "fuzz-fixture";
        };
    }

    /**
     * Some hostile-looking values are valid (an emoji in a description): what they created is removed, so that the
     * snapshot compares what refused requests may have left behind.
     */
    private void removeWhatWasAccepted(List<String> created) throws IOException, InterruptedException {
        for (String entry : created) {
            String[] parts = entry.split(" ", 2);
            String path = parts[1].replaceFirst("^https?://[^/]+", "");
            if (path.contains("/storage/databases/")) {
                path = path + "?confirm=" + path.substring(path.lastIndexOf('/') + 1);
            }
            api.send("DELETE", parts[0], path, platform.admin(), null);
        }
    }

    private static String report(long seed, int sent, Duration took, FuzzRunner runner,
            List<FuzzRunner.Violation> violations) {
        Map<String, List<FuzzRunner.Violation>> groups = violations.stream().collect(Collectors.groupingBy(
                FuzzRunner.Violation::group, java.util.TreeMap::new, Collectors.toList()));
        StringBuilder out = new StringBuilder();
        out.append(String.format("BadInputIT seed %d: %d requests in %d s, answers %s, %d sent again after their"
                        + " keep-alive connection was closed, %d created by accepted input (removed), %d violations in"
                        + " %d groups%n", seed, sent, took.toSeconds(), runner.statusCounts(), runner.resent(),
                runner.created().size(), violations.size(), groups.size()));
        groups.forEach((group, members) -> {
            FuzzRunner.Violation first = members.get(0);
            out.append(String.format("- %s (%d×): %s%n    e.g. %s%n    replay: %s -Dfuzz.seed=%d -Dfuzz.cases=%s%n",
                    group, members.size(), first.problem(), first.request().describe(), REPLAY, seed,
                    members.stream().limit(5).map(v -> String.valueOf(v.request().index()))
                            .collect(Collectors.joining(","))));
        });
        return out.toString();
    }

    private String receiverUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
    }
}
