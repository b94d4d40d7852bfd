package io.rpik8s.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rpik8s.localrun.auth.LocalSecrets;
import io.rpik8s.dev.simcluster.SimulatedApiServer;
import io.rpik8s.model.auth.PlatformTokens;
import io.rpik8s.model.events.Topics;
import io.rpik8s.dev.embedded.EmbeddedKafka;
import io.rpik8s.dev.embedded.EmbeddedPostgres;
import io.rpik8s.dev.embedded.FreePorts;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The packaged platform as the local run starts it (the four services as separate JVMs, the simulated cluster,
 * embedded S3), on a Kafka broker and a PostgreSQL server that this harness owns so that fault tests can stop and
 * start them. Started once per test JVM and shared by the suites that use it; stopped when the JVM exits.
 */
public final class PlatformHarness {

    public static final List<String> SERVICES = List.of("deployment-service", "monitoring-service",
            "storage-service", "webhook-dispatcher");
    private static final Path REPOSITORY = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
    private static final Object TRACE_FILE_LOCK = new Object();
    private static PlatformHarness shared;
    private static IllegalStateException failedStart;

    private final Path localDir;
    private final EmbeddedKafka kafka;
    private final Path postgresData;
    private final int postgresPort;
    private final String postgresPassword = LocalSecrets.random(24);
    private final Set<String> secrets = Collections.synchronizedSet(new LinkedHashSet<>());
    private final java.util.Queue<String> problems = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private EmbeddedPostgres postgres;
    private boolean stopped;
    private LocalRun run;
    private Map<String, Integer> ports;
    private String signingKey;

    private PlatformHarness(Path localDir) {
        this.localDir = localDir;
        this.kafka = new EmbeddedKafka(localDir.resolve("kafka"), 0);
        this.postgresData = localDir.resolve("postgres");
        this.postgresPort = FreePorts.next();
    }

    /** The platform shared by every suite of this JVM, started on first use. */
    public static synchronized PlatformHarness shared() {
        if (failedStart != null) {
            // One attempt per JVM: the suites after the first fail fast instead of starting a second platform.
            throw failedStart;
        }
        if (shared == null) {
            PlatformHarness harness = null;
            try {
                harness = new PlatformHarness(Files.createTempDirectory("platform-hardening"));
                Runtime.getRuntime().addShutdownHook(new Thread(harness::stop, "platform-harness-stop"));
                harness.start();
                shared = harness;
            } catch (Exception | AssertionError e) {
                // Stopped now, not at JVM exit: the test JVM may be gone before its hooks stop the service JVMs.
                if (harness != null) {
                    harness.stop();
                }
                // The cause on the first line: a build's summary shows only that line of each error.
                failedStart = new IllegalStateException("The platform did not start: " + e
                        + (harness == null ? "" : harness.logTails()), e);
                throw failedStart;
            }
        }
        return shared;
    }

    /** The last lines of each service's log, for the report of a start that failed. */
    private String logTails() {
        StringBuilder tails = new StringBuilder();
        try (var files = Files.list(logs())) {
            for (Path log : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(log);
                tails.append("\n--- ").append(log.getFileName()).append(" (last 20 lines) ---\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
            }
        } catch (IOException | UncheckedIOException e) {
            tails.append("\n(no service logs: ").append(e.getMessage()).append(')');
        }
        return tails.toString();
    }

    private void start() throws Exception {
        for (String service : SERVICES) {
            assertThat(REPOSITORY.resolve("services/" + service + "/target/quarkus-app/quarkus-run.jar"))
                    .as("%s must be packaged before this suite (the reactor build does it)", service).exists();
        }
        kafka.start();
        kafka.createTopics(Topics.DEPLOYMENTS, Topics.ALERTS, Topics.STORAGE, Topics.WEBHOOKS);
        // As in the local run: PostgreSQL requires a password (scram) from every connection.
        postgres = EmbeddedPostgres.startEmbedded(postgresData, postgresPort, postgresPassword);
        postgres.execute("CREATE DATABASE platform");
        secrets.add(postgresPassword);

        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("PLATFORM_DB_URL", postgres.database("platform").jdbcUrl());
        env.put("PLATFORM_DB_USERNAME", postgres.username());
        env.put("PLATFORM_DB_PASSWORD", postgresPassword);
        run = new LocalRun(new LocalPaths(REPOSITORY, localDir), env,
                new LocalRunOptions(Set.copyOf(SERVICES), false, FreePorts.next(), false));
        Path traces = localDir.resolve("trace-exports.bin");
        run.recordTraces(body -> append(traces, body));
        Map<String, Boolean> ready = run.start();
        assertThat(ready).as("every service started").containsOnlyKeys(SERVICES);
        ports = run.servicePorts();
        awaitReady(SERVICES);
        signingKey = Files.readString(localDir.resolve("signing-key")).trim();
        secrets.add(signingKey);
        secrets.add(Files.readString(localDir.resolve("admin-token")).trim());
        for (String line : Files.readAllLines(localDir.resolve("s3-credentials"))) {
            if (line.startsWith("secretKey=")) {
                secrets.add(line.substring("secretKey=".length()).trim());
            }
        }
    }

    /** Waits until each of {@code services} answers /q/health/ready with 200. */
    public void awaitReady(List<String> services) {
        // The launcher gives up waiting after two minutes; on a loaded machine the services may need longer.
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .untilAsserted(() -> {
                    for (String service : services) {
                        assertThat(http.send(HttpRequest.newBuilder(URI.create(baseUrl(service) + "/q/health/ready"))
                                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode()).as("%s /q/health/ready", service).isEqualTo(200);
                    }
                });
    }

    private static void append(Path file, byte[] body) {
        synchronized (TRACE_FILE_LOCK) {
            appendTo(file, body);
        }
    }

    private static void appendTo(Path file, byte[] body) {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (run != null) {
            run.stop();
        }
        kafka.close();
        if (postgres != null) {
            postgres.close();
        }
    }

    public int port(String service) {
        return ports.get(service);
    }

    public String baseUrl(String service) {
        return "http://127.0.0.1:" + port(service);
    }

    /** A valid token for {@code subject} with {@code roles}, remembered as a secret of this run. */
    public String token(String subject, String... roles) {
        String token = PlatformTokens.mint(signingKey, subject, Set.of(roles), Duration.ofHours(2));
        secrets.add(token);
        return token;
    }

    public String admin() {
        return token("hardening-admin", "admin");
    }

    public String viewer() {
        return token("hardening-viewer", "viewer");
    }

    /** The signing key every service verifies tokens with (for the token variants of the suites). */
    public String signingKey() {
        return signingKey;
    }

    /** Records a secret the run produced (a webhook secret, a database password...) for the secrets check. */
    public void rememberSecret(String secret) {
        if (secret != null && secret.length() >= 8) {
            secrets.add(secret);
        }
    }

    /** Keeps a problem detail a service answered, for the secrets check. */
    public void recordProblem(String body) {
        problems.add(body);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    public Set<String> secrets() {
        synchronized (secrets) {
            return Set.copyOf(secrets);
        }
    }

    /** The services' log files (one per service, kept across restarts). */
    public Path logs() {
        return localDir.resolve("logs");
    }

    /** Every trace export the services sent to the run's OTLP sink, concatenated (OTLP protobuf). */
    public Path traceExports() {
        return localDir.resolve("trace-exports.bin");
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    /** A client of the simulated cluster, as an administrator. */
    public io.fabric8.kubernetes.client.KubernetesClient kubernetes() {
        return run.simulatedCluster().client();
    }

    /** Remembers the passwords a Secret holds (database credentials...) for the secrets check. */
    public void rememberPasswordsOf(String namespace, String name) {
        var secret = kubernetes().secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            throw new AssertionError("No Secret " + namespace + "/" + name);
        }
        Map<String, String> values = new HashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> values.put(k, new String(java.util.Base64.getDecoder().decode(v),
                    java.nio.charset.StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            values.putAll(secret.getStringData());
        }
        values.forEach((key, value) -> {
            if (key.toLowerCase(java.util.Locale.ROOT).contains("password")) {
                rememberSecret(value);
            }
        });
    }

    public SimulatedApiServer kubernetesApi() {
        return run.simulatedCluster().api();
    }

    /** Kills a service with SIGKILL. */
    public void kill(String service) throws InterruptedException {
        run.kill(service);
    }

    /** Starts a killed service again and waits until it is ready. */
    public void restart(String service) throws Exception {
        run.restart(service);
        awaitReady(List.of(service));
    }

    /** Stops PostgreSQL (a fast shutdown: open connections are cut), keeping its data and port. */
    public synchronized void stopPostgres() {
        postgres.close();
    }

    public synchronized void startPostgres() {
        postgres = EmbeddedPostgres.startEmbedded(postgresData, postgresPort, postgresPassword);
    }

    /** Where a suite writes its figures (under the module's {@code target/}). */
    public static Path figures(String name) {
        Path dir = REPOSITORY.resolve("dev/local-run/target/reliability");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.resolve(name);
    }
}
