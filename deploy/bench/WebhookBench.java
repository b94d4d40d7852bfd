import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Webhook benchmarks against a running dispatcher (the local run or a cluster): throughput against a bare JDK client
 * posting the same bodies to the same receiver, Kafka to webhook latency at a fixed rate, and the resume after a
 * SIGKILL. Run through deploy/bench/webhook-throughput, webhook-latency and webhook-restart, which set the classpath
 * (the dispatcher's own kafka-clients jar) and the environment: DISPATCHER_URL, TOKEN, KAFKA_BOOTSTRAP_SERVERS.
 */
public class WebhookBench {

    static final String TOPIC = "platform.deployments";
    static final HttpClient API = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static String dispatcher;
    static String token;
    static String kafka;

    /** What the receiver saw: arrival time (ms) of each webhook-id's first request, and requests per path. */
    static final Map<String, Long> arrived = new ConcurrentHashMap<>();
    static final Map<String, Integer> attemptsOf = new ConcurrentHashMap<>();
    static final AtomicInteger received = new AtomicInteger();
    /** When each webhook of the counted throughput phase arrived (System.nanoTime), for its longest pause. */
    static final java.util.concurrent.ConcurrentLinkedQueue<Long> arrivals = new java.util.concurrent.ConcurrentLinkedQueue<>();
    static volatile long answerDelayMs;
    /** Requests read before this instant (ms) are not counted as arrived: they reached a dispatcher since killed. */
    static volatile long countFrom;
    /** Ids answered 2xx while the killed dispatcher still lived (it may have recorded them: not sent again). */
    static final java.util.Set<String> answered = ConcurrentHashMap.newKeySet();
    static volatile CountDownLatch expected = new CountDownLatch(0);
    static final java.util.regex.Pattern APP_NAME = java.util.regex.Pattern.compile("\"name\"\\s*:\\s*\"(bench-deploy-[^\"]+)\"");

    public static void main(String[] args) {
        try {
            run(args);
            System.exit(0);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(2);
        }
    }

    static void run(String[] args) throws Exception {
        dispatcher = env("DISPATCHER_URL", "http://127.0.0.1:8084");
        token = env("TOKEN", null);
        kafka = env("KAFKA_BOOTSTRAP_SERVERS", null);
        Map<String, String> opts = options(args);
        HttpServer receiver = receiver(Integer.parseInt(opts.getOrDefault("receiver-threads", "8")));
        try {
            switch (args[0]) {
                case "throughput" -> throughput(receiver, Integer.parseInt(opts.get("endpoints")),
                        Integer.parseInt(opts.get("events")), Integer.parseInt(opts.get("concurrency")));
                case "latency" -> latency(receiver, Integer.parseInt(opts.get("rate")),
                        Integer.parseInt(opts.get("seconds")));
                case "deploy" -> deploy(receiver, Integer.parseInt(opts.get("rate")),
                        Integer.parseInt(opts.get("seconds")));
                case "restart" -> restart(receiver, Integer.parseInt(opts.get("events")),
                        Long.parseLong(opts.get("pid")), "1".equals(opts.get("stop-after")));
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            }
        } finally {
            receiver.stop(0);
        }
    }

    // ---- throughput -------------------------------------------------------------------------------------------

    static void throughput(HttpServer receiver, int endpoints, int events, int concurrency) throws Exception {
        String ns = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < endpoints; i++) {
            urls.add("http://127.0.0.1:" + receiver.getAddress().getPort() + "/ceiling/" + i);
        }
        String body = eventJson(ns, 0);
        int total = events * endpoints;
        ceiling(urls, body, Math.min(total, 2000), concurrency, true); // warm-up: JIT and connections, not counted
        double keepAlive = ceiling(urls, body, total, concurrency, true);
        double fresh = ceiling(urls, body, total, concurrency, false);

        warmUp(receiver, endpoints, Math.min(events, 1000));
        List<String> ids = register(receiver, ns, endpoints, "/hook/");
        try {
            expected = new CountDownLatch(total);
            arrivals.clear();
            long start = System.nanoTime();
            produce(ns, events, 0);
            boolean all = expected.await(600, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            int got = total - (int) expected.getCount();
            double rate = got / seconds;
            System.out.printf("webhook throughput, %d endpoint(s), %d events = %d deliveries%s%n", endpoints, events,
                    total, all ? "" : " (INCOMPLETE: " + got + " delivered)");
            System.out.printf("  dispatcher (Kafka -> webhook):         %8.0f deliveries/s  (%.1f s)%n", rate, seconds);
            System.out.printf("  ceiling, JDK client, keep-alive:       %8.0f requests/s   ratio %.2f%n", keepAlive,
                    rate / keepAlive);
            System.out.printf("  ceiling, JDK client, new connections:  %8.0f requests/s   ratio %.2f%n", fresh,
                    rate / fresh);
            System.out.printf("  (ceiling clients: %d requests in flight; dispatcher: its window)%n", concurrency);
            // A stall (a lease nobody woke, a long collection) shows here before it shows in the rate.
            System.out.printf("  longest pause between two deliveries: %d ms%n", longestPauseMs(start));
            if (!all) {
                System.exit(1);
            }
        } finally {
            unregister(ids);
        }
    }

    /** The longest time without a delivery arriving, from {@code start} (nanoTime) to the last one. */
    static long longestPauseMs(long start) {
        long[] at = arrivals.stream().mapToLong(Long::longValue).sorted().toArray();
        long longest = 0;
        long previous = start;
        for (long t : at) {
            longest = Math.max(longest, t - previous);
            previous = t;
        }
        return longest / 1_000_000;
    }

    /** The dispatcher's warm-up, not counted, as the ceiling client gets one: JIT, connections, database pool. */
    static void warmUp(HttpServer receiver, int endpoints, int events) throws Exception {
        String ns = "bench-warm-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = register(receiver, ns, endpoints, "/hook/");
        try {
            expected = new CountDownLatch(events * endpoints);
            produce(ns, events, 0);
            if (!expected.await(600, TimeUnit.SECONDS)) {
                throw new IllegalStateException("warm-up: " + expected.getCount() + " deliveries missing");
            }
        } finally {
            unregister(ids);
        }
    }

    /** Requests per second of a bare JDK client posting {@code total} copies of the body round-robin to the urls. */
    static double ceiling(List<String> urls, String body, int total, int concurrency, boolean keepAlive)
            throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(2)).build();
        Semaphore inFlight = new Semaphore(concurrency);
        CountDownLatch done = new CountDownLatch(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            inFlight.acquire();
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(urls.get(i % urls.size())))
                    .header("Content-Type", "application/json").header("webhook-id", "msg_ceiling_" + i)
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body));
            if (!keepAlive) {
                b.header("Connection", "close");
            }
            client.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                inFlight.release();
                done.countDown();
            });
        }
        done.await(600, TimeUnit.SECONDS);
        return total / ((System.nanoTime() - start) / 1e9);
    }

    // ---- latency ----------------------------------------------------------------------------------------------

    static void latency(HttpServer receiver, int rate, int seconds) throws Exception {
        String ns = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = register(receiver, ns, 1, "/hook/");
        int events = rate * seconds;
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> consumedAt = new ConcurrentHashMap<>();
        // The floor: a plain Kafka consumer of the same records, in the same run.
        CountDownLatch floorReady = new CountDownLatch(1);
        Thread floor = new Thread(() -> consumeAll(ns, events, consumedAt, floorReady));
        floor.start();
        try {
            expected = new CountDownLatch(events);
            floorReady.await(60, TimeUnit.SECONDS); // the floor consumer has its partition
            try (KafkaProducer<String, String> producer = producer()) {
                long start = System.nanoTime();
                for (int i = 0; i < events; i++) {
                    long due = start + (long) (i * 1e9 / rate);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    String id = UUID.randomUUID().toString();
                    sentAt.put(id, System.currentTimeMillis());
                    producer.send(record(ns, i, id));
                }
            }
            boolean all = expected.await(Math.max(60, seconds * 5L), TimeUnit.SECONDS);
            floor.join(30_000);
            long[] webhook = latencies(sentAt, arrived, "msg_");
            long[] kafkaOnly = latencies(sentAt, consumedAt, "");
            System.out.printf("Kafka -> webhook latency at %d events/s for %d s (%d events)%s%n", rate, seconds, events,
                    all ? "" : " (INCOMPLETE: " + webhook.length + " delivered)");
            print("  dispatcher (produce -> receiver):   ", webhook);
            print("  floor, plain Kafka consumer:        ", kafkaOnly);
            if (webhook.length > 0 && kafkaOnly.length > 0) {
                System.out.printf("  p99 ratio dispatcher/floor: %.1f; goal p99 <= 100 ms%n",
                        (double) pct(webhook, 0.99) / Math.max(1, pct(kafkaOnly, 0.99)));
            }
            if (!all) {
                System.exit(1);
            }
        } finally {
            unregister(ids);
        }
    }

    static void consumeAll(String ns, int events, Map<String, Long> consumedAt, CountDownLatch ready) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka);
        p.put("group.id", "bench-floor-" + ns);
        p.put("auto.offset.reset", "latest");
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            c.subscribe(List.of(TOPIC));
            while (c.assignment().isEmpty()) {
                c.poll(Duration.ofMillis(100));
            }
            c.seekToEnd(c.assignment());
            c.position(c.assignment().iterator().next());
            ready.countDown();
            long end = System.currentTimeMillis() + Math.max(120_000, events * 20L);
            while (consumedAt.size() < events && System.currentTimeMillis() < end) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(100))) {
                    var h = r.headers().lastHeader("ce_id");
                    if (h != null && r.value().contains(ns)) {
                        consumedAt.putIfAbsent(new String(h.value(), StandardCharsets.UTF_8),
                                System.currentTimeMillis());
                    }
                }
            }
        }
    }

    // ---- deploy -----------------------------------------------------------------------------------------------

    /**
     * Deploy call -> webhook: deploys apps through deployment-service at a fixed rate (calls overlap, as users'
     * would) and times each from the moment its call was sent to the moment its {@code deployment.created}
     * webhook reached the receiver; the floor is the deploy call's own answer time in the same run.
     */
    static void deploy(HttpServer receiver, int rate, int seconds) throws Exception {
        String apps = env("DEPLOYMENTS_URL", "http://127.0.0.1:8081");
        String ns = env("NAMESPACE", "apps");
        String run = UUID.randomUUID().toString().substring(0, 6);
        String json = "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/deploy/0\","
                + "\"namespacesInclude\":[\"" + ns + "\"],\"filterTypes\":[\"deployment.created\"],"
                + "\"description\":\"benchmark\"}";
        HttpResponse<String> r = API.send(HttpRequest.newBuilder(URI.create(dispatcher + "/api/v1/webhooks/endpoints"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201 && r.statusCode() != 200) {
            throw new IllegalStateException("registering an endpoint: " + r.statusCode() + " " + r.body());
        }
        List<String> ids = List.of(r.body().replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1"));
        int total = rate * seconds;
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> answeredAt = new ConcurrentHashMap<>();
        List<String> failed = java.util.Collections.synchronizedList(new ArrayList<>());
        expected = new CountDownLatch(total);
        try {
            List<java.util.concurrent.CompletableFuture<?>> calls = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long wait = start + (long) (i * 1e9 / rate) - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String name = "bench-deploy-" + run + "-" + i;
                String body = "{\"name\":\"" + name + "\",\"namespace\":\"" + ns
                        + "\",\"image\":\"nginx:1.27\",\"replicas\":0}";
                sentAt.put(name, System.currentTimeMillis());
                calls.add(API.sendAsync(HttpRequest.newBuilder(URI.create(apps + "/api/v1/deployments"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString()).whenComplete((resp, e) -> {
                            answeredAt.put(name, System.currentTimeMillis());
                            if (e != null || resp.statusCode() != 201) {
                                failed.add(name + ": " + (e != null ? e : resp.statusCode() + " " + resp.body()));
                                expected.countDown();
                            }
                        }));
            }
            java.util.concurrent.CompletableFuture.allOf(calls.toArray(new java.util.concurrent.CompletableFuture[0]))
                    .exceptionally(e -> null).join();
            boolean all = expected.await(Math.max(60, seconds * 5L), TimeUnit.SECONDS) && failed.isEmpty();
            long[] webhook = latencies(sentAt, arrived, "");
            long[] call = latencies(sentAt, answeredAt, "");
            System.out.printf("deploy call -> webhook at %d deploys/s for %d s (%d apps)%s%n", rate, seconds, total,
                    all ? "" : " (INCOMPLETE: " + webhook.length + " delivered, " + failed.size() + " calls failed)");
            print("  deploy call -> deployment.created webhook: ", webhook);
            print("  floor, the deploy call's own answer:       ", call);
            System.out.println("  goal: p99 <= 100 ms");
            failed.stream().limit(5).forEach(f -> System.out.println("  failed: " + f));
            if (!all) {
                System.exit(1);
            }
        } finally {
            unregister(ids);
            for (String name : sentAt.keySet()) {
                try {
                    API.send(HttpRequest.newBuilder(URI.create(apps + "/api/v1/deployments/" + ns + "/" + name))
                            .header("Authorization", "Bearer " + token).DELETE().build(),
                            HttpResponse.BodyHandlers.discarding());
                } catch (Exception e) {
                    System.err.println("could not delete " + name + ": " + e.getMessage());
                }
            }
        }
    }

    // ---- restart ----------------------------------------------------------------------------------------------

    /**
     * SIGKILLs the dispatcher while attempts are in flight to a slow receiver, starts it again with the same command
     * line, environment and directory, and times: ready, a new event delivered (Kafka consumption resumed), and every
     * event the receiver had not answered attempted again.
     */
    static void restart(HttpServer receiver, int events, long pid, boolean stopAfter) throws Exception {
        String ns = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = register(receiver, ns, 1, "/hook/");
        List<String> command = Arrays.asList(Files.readString(Path.of("/proc/" + pid + "/cmdline")).split("\0"));
        Map<String, String> environment = new java.util.HashMap<>();
        for (String kv : Files.readString(Path.of("/proc/" + pid + "/environ")).split("\0")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                environment.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        Path dir = Path.of("/proc/" + pid + "/cwd").toRealPath();
        try {
            answerDelayMs = 3000; // the receiver holds every request: attempts stay in flight
            countFrom = Long.MAX_VALUE;
            List<String> sent = produce(ns, events, 0);
            long deadline = System.currentTimeMillis() + 60_000;
            while (received.get() < Math.min(events, 10) && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            int inFlight = received.get();
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
            long killed = System.currentTimeMillis();
            answerDelayMs = 0;
            countFrom = killed;
            java.util.Set<String> answeredBefore = java.util.Set.copyOf(answered);
            Path log = Files.createTempFile("dispatcher-restart", ".log");
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().clear();
            pb.environment().putAll(environment);
            Process restarted = pb.start();
            long launched = System.currentTimeMillis();
            long ready = awaitReady(launched + 120_000);
            // A new event: delivered once the restarted consumer has its partition back.
            expected = new CountDownLatch(1);
            String probe = UUID.randomUUID().toString();
            long probeSent = System.currentTimeMillis();
            try (KafkaProducer<String, String> producer = producer()) {
                producer.send(record(ns, events, probe)).get();
            }
            long probeAt = waitFor(() -> arrived.get("msg_" + probe), probeSent + 120_000);
            long allAt = waitFor(() -> sent.stream().allMatch(id -> arrived.containsKey("msg_" + id)
                    || answeredBefore.contains("msg_" + id)) ? System.currentTimeMillis() : null, launched + 300_000);
            System.out.printf("dispatcher restart after SIGKILL with %d attempts in flight (of %d events)%n",
                    inFlight, events);
            System.out.printf("  launch -> ready:                         %6d ms%n", ready - launched);
            System.out.printf("  ready -> new event delivered (resumed):  %6s ms   goal <= 5000%n",
                    probeAt < 0 ? "NEVER" : Long.toString(probeAt - ready));
            System.out.printf("  ready -> every event delivered (in-flight ones again): %6s ms%n",
                    allAt < 0 ? "NEVER" : Long.toString(allAt - ready));
            System.out.printf("  kill -> launch (this script):            %6d ms; restarted pid %d, log %s%n",
                    launched - killed, restarted.pid(), log);
            unregister(ids);
            ids.clear();
            if (stopAfter) {
                restarted.destroy();
                restarted.waitFor(30, TimeUnit.SECONDS);
            }
            if (probeAt < 0 || allAt < 0) {
                System.exit(1);
            }
        } finally {
            unregister(ids);
        }
    }

    static long awaitReady(long deadline) throws Exception {
        HttpRequest ready = HttpRequest.newBuilder(URI.create(dispatcher + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.currentTimeMillis() < deadline) {
            try {
                if (API.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return System.currentTimeMillis();
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the restarted dispatcher was not ready within 120 s");
    }

    interface Probe {
        Long at();
    }

    static long waitFor(Probe probe, long deadline) throws InterruptedException {
        while (System.currentTimeMillis() < deadline) {
            Long at = probe.at();
            if (at != null) {
                return at;
            }
            Thread.sleep(10);
        }
        return -1;
    }

    // ---- receiver, API, Kafka ---------------------------------------------------------------------------------

    static HttpServer receiver(int threads) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.createContext("/", WebhookBench::answer);
        server.start();
        return server;
    }

    static void answer(HttpExchange x) throws IOException {
        byte[] body;
        try (InputStream in = x.getRequestBody()) {
            body = in.readAllBytes();
        }
        long now = System.currentTimeMillis();
        if (x.getRequestURI().getPath().startsWith("/deploy/")) {
            // deploy mode: the app's name is in the event, the platform chose its id
            var m = APP_NAME.matcher(new String(body, StandardCharsets.UTF_8));
            if (m.find() && arrived.putIfAbsent(m.group(1), now) == null) {
                expected.countDown();
            }
            x.sendResponseHeaders(204, -1);
            x.close();
            return;
        }
        String id = x.getRequestHeaders().getFirst("webhook-id");
        if (x.getRequestURI().getPath().startsWith("/hook/") && id != null) {
            received.incrementAndGet();
            arrivals.add(System.nanoTime());
            attemptsOf.merge(id, 1, Integer::sum);
            long delay = answerDelayMs;
            if (delay > 0) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (now < countFrom) {
                x.sendResponseHeaders(204, -1);
                answered.add(id);
                x.close();
                return;
            }
            if (arrived.putIfAbsent(id + " " + x.getRequestURI().getPath(), now) == null) {
                arrived.putIfAbsent(id, now);
                expected.countDown();
            }
        }
        x.sendResponseHeaders(204, -1);
        x.close();
    }

    static List<String> register(HttpServer receiver, String ns, int n, String path) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String json = "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + path + i
                    + "\",\"namespacesInclude\":[\"" + ns + "\"],\"description\":\"benchmark\"}";
            HttpResponse<String> r = API.send(HttpRequest.newBuilder(URI.create(dispatcher
                            + "/api/v1/webhooks/endpoints")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201 && r.statusCode() != 200) {
                throw new IllegalStateException("registering an endpoint: " + r.statusCode() + " " + r.body());
            }
            ids.add(r.body().replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1"));
        }
        return ids;
    }

    static void unregister(List<String> ids) {
        for (String id : ids) {
            try {
                API.send(HttpRequest.newBuilder(URI.create(dispatcher + "/api/v1/webhooks/endpoints/" + id))
                        .header("Authorization", "Bearer " + token).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (Exception e) {
                System.err.println("could not delete endpoint " + id + ": " + e.getMessage());
            }
        }
    }

    static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka);
        p.put("linger.ms", "0");
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    static List<String> produce(String ns, int events, int from) {
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = from; i < from + events; i++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                producer.send(record(ns, i, id));
            }
        }
        return ids;
    }

    /** A deployment.created event as deployment-service publishes it: CloudEvents binary mode, JSON data. */
    static ProducerRecord<String, String> record(String ns, int i, String id) {
        ProducerRecord<String, String> r = new ProducerRecord<>(TOPIC, ns + "/app-" + i, eventJson(ns, i));
        r.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8))
                .add("ce_id", id.getBytes(StandardCharsets.UTF_8))
                .add("ce_type", "deployment.created".getBytes(StandardCharsets.UTF_8))
                .add("ce_source", "/rpi-k8s-platform/bench".getBytes(StandardCharsets.UTF_8))
                .add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        return r;
    }

    static String eventJson(String ns, int i) {
        return "{\"event\":\"deployment.created\",\"timestamp\":\"" + Instant.now() + "\",\"actor\":\"bench\","
                + "\"deployment\":{\"name\":\"app-" + i + "\",\"namespace\":\"" + ns
                + "\",\"replicas\":1,\"image\":\"nginx:1.27\"}}";
    }

    // ---- figures ----------------------------------------------------------------------------------------------

    static long[] latencies(Map<String, Long> sent, Map<String, Long> seen, String prefix) {
        return sent.entrySet().stream().map(e -> seen.get(prefix + e.getKey())).filter(v -> v != null)
                .mapToLong(v -> v).toArray().length == 0 ? new long[0]
                : sent.entrySet().stream().filter(e -> seen.get(prefix + e.getKey()) != null)
                        .mapToLong(e -> seen.get(prefix + e.getKey()) - e.getValue()).sorted().toArray();
    }

    static long pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    static void print(String label, long[] v) {
        if (v.length == 0) {
            System.out.println(label + "no value");
            return;
        }
        System.out.printf("%sn %d  p50 %d ms  p90 %d ms  p99 %d ms  max %d ms%n", label, v.length, pct(v, 0.5),
                pct(v, 0.9), pct(v, 0.99), v[v.length - 1]);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new java.util.HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return o;
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        if (v == null && fallback == null) {
            throw new IllegalStateException(name + " is not set");
        }
        return v == null ? fallback : v;
    }
}
