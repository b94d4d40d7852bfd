package io.rpik8s.localrun;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.rpik8s.dev.prometheus.ClusterInventory;
import io.rpik8s.dev.prometheus.PrometheusStandIn;
import io.rpik8s.dev.prometheus.SimulatedSeries;
import io.rpik8s.dev.prometheus.ThermalModel;
import io.rpik8s.dev.simcluster.ClusterState;
import io.rpik8s.dev.simcluster.SimulatedCluster;
import io.rpik8s.dev.simcluster.SimulatedNodes;
import io.rpik8s.localrun.alerting.LocalAlerting;
import io.rpik8s.localrun.auth.LocalSecrets;
import io.rpik8s.localrun.events.EventLog;
import io.rpik8s.localrun.services.JvmSettings;
import io.rpik8s.localrun.services.PlatformService;
import io.rpik8s.localrun.services.ServiceProcess;
import io.rpik8s.localrun.tracing.TraceSink;
import io.rpik8s.model.auth.PlatformTokens;
import io.rpik8s.model.events.Topics;
import io.rpik8s.testsupport.EmbeddedKafka;
import io.rpik8s.testsupport.EmbeddedPostgres;
import io.rpik8s.testsupport.EmbeddedS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local run: starts the whole platform on one machine with nothing but a JDK (Kafka, PostgreSQL, S3, a
 * simulated k3s cluster, a Prometheus stand-in and the four services), prints where everything is, and stops it
 * all on Ctrl-C. External Kafka, PostgreSQL, S3, Prometheus or a real cluster are used instead when configured.
 */
public final class LocalRun {

    static final List<String> TOPICS = List.of(Topics.DEPLOYMENTS, Topics.ALERTS, Topics.STORAGE, Topics.WEBHOOKS);
    private static final Logger LOG = LoggerFactory.getLogger(LocalRun.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /** The control panel calls the services started before it: its REST clients' names. */
    private static final Map<String, String> PANEL_CLIENTS = Map.of("deployment-service", "DEPLOYMENT",
            "monitoring-service", "MONITORING", "storage-service", "STORAGE", "webhook-dispatcher", "WEBHOOKS");

    private final LocalPaths paths;
    private final Map<String, String> env;
    private final LocalRunOptions options;
    /** Ctrl-C ends the local run within ten seconds: the stop steps share nine, the JVM's exit the rest. */
    private final Shutdown shutdown = new Shutdown(Duration.ofSeconds(9));
    private final Map<String, String> endpoints = new LinkedHashMap<>();
    private final Map<String, Integer> servicePorts = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> processes = new LinkedHashMap<>();
    private SimulatedCluster simulatedCluster;
    private String inspection;
    private Consumer<byte[]> traceRecorder = body -> { };

    public LocalRun(LocalPaths paths, Map<String, String> env, LocalRunOptions options) {
        this.paths = paths;
        this.env = env;
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        LocalRunOptions options;
        try {
            options = LocalRunOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("run-local.sh: " + e.getMessage() + " (run-local.sh --help lists the options)");
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(LocalRunOptions.USAGE);
            return;
        }
        Path root = Path.of(System.getProperty("localrun.root", ".")).toAbsolutePath().normalize();
        // localrun.local-dir: another data directory than the checkout's .local/ (the launcher's own tests use it).
        String localDir = System.getProperty("localrun.local-dir");
        LocalPaths paths = localDir == null ? LocalPaths.under(root) : new LocalPaths(root, Path.of(localDir).toAbsolutePath());
        LocalRun run = new LocalRun(paths, System.getenv(), options);
        Runtime.getRuntime().addShutdownHook(new Thread(run.shutdown::runAll, "local-run-shutdown"));
        try {
            run.start();
        } catch (Exception e) {
            LOG.error("The local run could not start: {}", e.getMessage());
            LOG.debug("Start failure", e);
            System.exit(1);
        }
        new CountDownLatch(1).await();
    }

    /** Starts everything and waits for the services; answers which of them became ready. */
    public Map<String, Boolean> start() throws Exception {
        Files.createDirectories(paths.localDir());
        Instant began = Instant.now();
        boolean kept = !options.fresh() && paths.hasData();
        if (options.fresh()) {
            paths.deleteData();
            LOG.info("--fresh: the data of earlier runs is deleted (PostgreSQL, S3, Kafka, the simulated cluster)");
        }
        Map<String, String> serviceEnv = new LinkedHashMap<>();

        // Infrastructure, each started unless an external one is configured. Each part registers its stop step as
        // soon as it runs, and the steps run last started first: services, trace sink, Prometheus, cluster, S3,
        // PostgreSQL, Kafka (a Ctrl-C during the start stops what was started so far).
        String kafka = startKafka();
        serviceEnv.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        Database db = startPostgres();
        serviceEnv.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
        serviceEnv.put("QUARKUS_DATASOURCE_REACTIVE_URL", db.jdbcUrl().replaceFirst("^jdbc:", ""));
        serviceEnv.put("QUARKUS_DATASOURCE_USERNAME", db.username());
        serviceEnv.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
        // monitoring-service probes PostgreSQL like any platform service: tell it where this one listens.
        serviceEnv.put("PLATFORM_LOCAL_POSTGRES_ADDRESS", java.net.URI.create(db.jdbcUrl().substring(5)).getAuthority());
        serviceEnv.putAll(startS3());
        // monitoring-service probes the S3 server in MinIO's place, by a connection (host:port).
        serviceEnv.put("PLATFORM_LOCAL_S3_ADDRESS",
                java.net.URI.create(serviceEnv.get("PLATFORM_STORAGE_S3_ENDPOINT")).getAuthority());
        serviceEnv.put("PLATFORM_STORAGE_S3_REGION", env.getOrDefault("PLATFORM_STORAGE_S3_REGION", "us-east-1"));

        KubernetesClient clusterClient;
        boolean simulated = env.get("KUBECONFIG") == null || env.get("KUBECONFIG").isBlank();
        SimulatedCluster cluster = null;
        if (simulated) {
            cluster = new SimulatedCluster().start(options.apiPort(), paths.crdDirectory(),
                    new ClusterState(paths.clusterState()));
            cluster.writeKubeconfig(paths.kubeconfig());
            clusterClient = cluster.client();
            SimulatedCluster c = cluster;
            shutdown.then("simulated Kubernetes API", c::close);
            serviceEnv.put("KUBECONFIG", paths.kubeconfig().toString());
            endpoints.put("Kubernetes API (SIMULATED k3s, 4 Raspberry Pi nodes)", cluster.url());
            LOG.info("[SIMULATED] Kubernetes API on {} (kubeconfig {}{})", cluster.url(), paths.kubeconfig(),
                    cluster.restoredObjects() > 0 ? ", " + cluster.restoredObjects() + " objects kept from the last run" : "");
        } else {
            clusterClient = new KubernetesClientBuilder().build();
            shutdown.then("Kubernetes client", clusterClient::close);
            serviceEnv.put("KUBECONFIG", env.get("KUBECONFIG"));
            endpoints.put("Kubernetes API (your KUBECONFIG)", clusterClient.getMasterUrl().toString());
        }

        PrometheusStandIn prometheus = null;
        LocalAlerting alerting = null;
        String prometheusUrl = env.get("PROMETHEUS_URL");
        if (prometheusUrl == null || prometheusUrl.isBlank()) {
            ClusterInventory inventory = new ClusterInventory(clusterClient, SimulatedNodes.names());
            List<String> names = simulated ? SimulatedNodes.names() : inventory.nodeNames();
            SimulatedSeries series = new SimulatedSeries(new ThermalModel(Instant.now(), names), inventory.nodes(),
                    inventory.volumes());
            alerting = "stand-in".equals(env.get("PLATFORM_LOCAL_PROMETHEUS")) ? null
                    : LocalAlerting.ifInstalled(paths.repositoryRoot(), paths.localDir(), series).orElse(null);
            if (alerting != null) {
                prometheusUrl = alerting.prometheusUrl();
                serviceEnv.putAll(alerting.serviceEnv());
                endpoints.put("Prometheus (real, SIMULATED Pi metrics)", prometheusUrl);
                endpoints.put("Alertmanager (real)", alerting.alertmanagerUrl());
            } else {
                prometheus = new PrometheusStandIn(series);
                prometheusUrl = prometheus.start(9090);
                shutdown.then("Prometheus stand-in", prometheus::close);
                endpoints.put("Prometheus API (SIMULATED metrics)", prometheusUrl);
                LOG.info("[SIMULATED] Prometheus stand-in on {}: node temperatures, throttling, volume stats; "
                        + "install Debian's prometheus and prometheus-alertmanager for the real ones", prometheusUrl);
            }
        } else {
            endpoints.put("Prometheus", prometheusUrl);
        }
        serviceEnv.put("PLATFORM_MONITORING_PROMETHEUS_URL", prometheusUrl);

        String signingKey = env.getOrDefault("PLATFORM_AUTH_SIGNING_KEY", LocalSecrets.readOrCreate(paths.signingKey(), 32));
        serviceEnv.put("PLATFORM_AUTH_SIGNING_KEY", signingKey);
        String token = PlatformTokens.mint(signingKey, "local-admin", Set.of("admin"), Duration.ofDays(30));
        LocalSecrets.writePrivate(paths.adminToken(), token + "\n");

        // A small read-only server of the local run: the OTLP endpoint and recent traces, the events per topic.
        TraceSink sink = TraceSink.start().recordingTo(traceRecorder);
        shutdown.then("trace sink", sink::close);
        inspection = sink.endpoint();
        String otlp = env.get("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (otlp == null || otlp.isBlank()) {
            // No collector: the services export to the sink, which keeps the recent traces (trace context propagates).
            serviceEnv.put("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", sink.endpoint());
            serviceEnv.put("QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            endpoints.put("Recent traces (JSON)", sink.endpoint() + "/traces");
        } else {
            serviceEnv.put("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", otlp);
        }
        EventLog events = EventLog.start(kafka, TOPICS);
        shutdown.then("event log", events::close);
        sink.serve("/events", events::handle);
        endpoints.put("Events per Kafka topic (JSON)", sink.endpoint() + "/events");

        // Loopback only unless told otherwise (PLATFORM_LOCAL_BIND_ADDRESS=0.0.0.0 serves the LAN too).
        serviceEnv.put("QUARKUS_HTTP_HOST", env.getOrDefault("PLATFORM_LOCAL_BIND_ADDRESS", "127.0.0.1"));
        List<ServiceProcess> services = options.skipServices() ? List.of() : startServices(serviceEnv);
        if (alerting != null) {
            services.forEach(s -> servicePorts.put(s.service().name(), s.port()));
            LocalAlerting a = alerting;
            shutdown.then("Prometheus and Alertmanager", a::close);
            a.start(servicePorts);
            LOG.info("Prometheus {} evaluates kubernetes/base-services/prometheus/rules; Alertmanager {} posts to "
                    + "monitoring-service", a.prometheusUrl(), a.alertmanagerUrl());
        }
        simulatedCluster = cluster;

        services.forEach(s -> {
            servicePorts.put(s.service().name(), s.port());
            processes.put(s.service().name(), s);
        });
        Map<String, Boolean> ready = awaitReady(services);
        System.out.println(Banner.render(endpoints, services, ready, paths, simulated, kept,
                Duration.between(began, Instant.now())));
        return ready;
    }

    /** The port each started service listens on. */
    public Map<String, Integer> servicePorts() {
        return Map.copyOf(servicePorts);
    }

    /** Hands every trace export of the built-in sink to {@code recorder}; call before {@link #start()}. */
    void recordTraces(Consumer<byte[]> recorder) {
        this.traceRecorder = recorder;
    }

    /** The local run's read-only views: {@code /traces}, {@code /traces/<id>}, {@code /events}, {@code /events/<topic>}. */
    String inspectionUrl() {
        return inspection;
    }

    /** The simulated cluster, when no KUBECONFIG was given (else null). */
    SimulatedCluster simulatedCluster() {
        return simulatedCluster;
    }

    /** Kills a started service at once (SIGKILL: no shutdown hook, no graceful drain), as a crash would. */
    void kill(String service) throws InterruptedException {
        processes.get(service).kill();
    }

    /** Starts a service again, on its port and with its environment, and answers whether it became ready. */
    boolean restart(String service) throws Exception {
        ServiceProcess process = processes.get(service);
        process.restart();
        return process.awaitReady(READY_TIMEOUT);
    }

    /** Stops everything that {@link #start()} started, in order. */
    public void stop() {
        shutdown.runAll();
    }

    private record Database(String jdbcUrl, String username, String password) {
    }

    private String startKafka() {
        String external = env.get("KAFKA_BOOTSTRAP_SERVERS");
        if (external != null && !external.isBlank()) {
            endpoints.put("Kafka (external)", external);
            return external;
        }
        EmbeddedKafka kafka = new EmbeddedKafka(paths.kafkaData(), Ports.preferred(9092)).start();
        kafka.createTopics(TOPICS.toArray(String[]::new));
        shutdown.then("Kafka", kafka::close);
        endpoints.put("Kafka (embedded KRaft broker)", kafka.bootstrapServers());
        LOG.info("Kafka broker on {} (data in {}), topics {}", kafka.bootstrapServers(), paths.kafkaData(), TOPICS);
        return kafka.bootstrapServers();
    }

    private Database startPostgres() throws java.io.IOException {
        String external = env.get("PLATFORM_DB_URL");
        if (external != null && !external.isBlank()) {
            endpoints.put("PostgreSQL (external)", external);
            return new Database(external, env.getOrDefault("PLATFORM_DB_USERNAME", "postgres"),
                    env.getOrDefault("PLATFORM_DB_PASSWORD", ""));
        }
        EmbeddedPostgres pg = EmbeddedPostgres.startEmbedded(paths.postgresData(), Ports.preferred(5433),
                LocalSecrets.readOrCreate(paths.postgresPassword(), 24));
        shutdown.then("PostgreSQL", pg::close);
        boolean exists = true;
        try {
            pg.execute("CREATE DATABASE platform");
            exists = false;
        } catch (IllegalStateException e) {
            // Kept from an earlier run.
        }
        EmbeddedPostgres.Database platform = pg.database("platform");
        endpoints.put("PostgreSQL 16 (embedded)", platform.jdbcUrl());
        LOG.info("PostgreSQL on {} (data in {}{})", platform.jdbcUrl(), paths.postgresData(),
                exists ? ", kept from the last run" : ", database created");
        return new Database(platform.jdbcUrl(), pg.username(), pg.password());
    }

    private Map<String, String> startS3() throws Exception {
        Map<String, String> s3 = new LinkedHashMap<>();
        String external = env.get("PLATFORM_STORAGE_S3_ENDPOINT");
        if (external != null && !external.isBlank()) {
            s3.put("PLATFORM_STORAGE_S3_ENDPOINT", external);
            s3.put("PLATFORM_STORAGE_S3_ACCESS_KEY", env.getOrDefault("PLATFORM_STORAGE_S3_ACCESS_KEY", ""));
            s3.put("PLATFORM_STORAGE_S3_SECRET_KEY", env.getOrDefault("PLATFORM_STORAGE_S3_SECRET_KEY", ""));
            endpoints.put("S3 (external)", external);
            return s3;
        }
        Properties credentials = s3Credentials();
        // CORS for the control panel's pages on any local port: browsers upload and download with presigned URLs.
        EmbeddedS3 server = EmbeddedS3.start(paths.s3Data(), Ports.preferred(9000),
                credentials.getProperty("accessKey"), credentials.getProperty("secretKey"),
                List.of("http://127\\.0\\.0\\.1:[0-9]+", "http://localhost:[0-9]+"));
        shutdown.then("S3", server::close);
        s3.put("PLATFORM_STORAGE_S3_ENDPOINT", server.endpoint().toString());
        s3.put("PLATFORM_STORAGE_S3_ACCESS_KEY", server.accessKey());
        s3.put("PLATFORM_STORAGE_S3_SECRET_KEY", server.secretKey());
        endpoints.put("S3 (embedded s3proxy, stands in for MinIO)", server.endpoint().toString());
        LOG.info("S3 on {} (objects in {}, credentials in {})", server.endpoint(), paths.s3Data(), paths.s3Credentials());
        return s3;
    }

    private Properties s3Credentials() throws java.io.IOException {
        Properties p = new Properties();
        if (Files.exists(paths.s3Credentials())) {
            try (var in = Files.newBufferedReader(paths.s3Credentials())) {
                p.load(in);
            }
        }
        if (p.getProperty("accessKey") == null || p.getProperty("secretKey") == null) {
            p.setProperty("accessKey", "local-" + LocalSecrets.random(6).toLowerCase().replaceAll("[^a-z0-9]", "x"));
            p.setProperty("secretKey", LocalSecrets.random(30));
            LocalSecrets.writePrivate(paths.s3Credentials(), "# S3 credentials of the local run (generated)\n"
                    + "accessKey=" + p.getProperty("accessKey") + "\nsecretKey=" + p.getProperty("secretKey") + "\n");
        }
        return p;
    }

    private List<ServiceProcess> startServices(Map<String, String> common) throws Exception {
        List<ServiceProcess> started = new java.util.concurrent.CopyOnWriteArrayList<>();
        shutdown.then("services", () -> stopServices(started));
        String cgroup = System.getenv("LOCALRUN_CGROUP_ROOT");
        JvmSettings jvm = JvmSettings.read(paths.repositoryRoot(), cgroup == null || cgroup.isBlank() ? null : Path.of(cgroup));
        Map<String, Integer> ports = new LinkedHashMap<>();
        java.util.Set<Integer> own = new java.util.TreeSet<>();
        for (PlatformService service : PlatformService.ALL) {
            int port = Ports.isFree(service.port()) ? service.port() : Ports.free();
            ports.put(service.name(), port);
            own.add(port);
        }
        for (String key : List.of("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_DATASOURCE_JDBC_URL",
                "PLATFORM_STORAGE_S3_ENDPOINT", "PLATFORM_MONITORING_PROMETHEUS_URL")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(":(\\d+)").matcher(common.getOrDefault(key, ""));
            if (m.find()) {
                own.add(Integer.parseInt(m.group(1)));
            }
        }
        own.add(options.apiPort());
        String refused = own.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
        for (PlatformService service : PlatformService.ALL) {
            if (!options.includes(service.name())) {
                continue;
            }
            Path dir = paths.serviceDir(service.name());
            Path jar = dir.resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.exists(jar)) {
                LOG.warn("{}: {} not found, so it is not started. Build it with "
                        + "'./mvnw -B -DskipTests install -pl services/{} -am' (./run-local.sh does this unless --no-build).",
                        service.name(), paths.repositoryRoot().relativize(jar), service.name());
                continue;
            }
            int port = ports.get(service.name());
            if (port != service.port()) {
                LOG.warn("{}: port {} is taken, using {}", service.name(), service.port(), port);
            }
            Map<String, String> environment = new LinkedHashMap<>(common);
            environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            // Webhooks may go to local receivers, never to the platform's own services and infrastructure.
            environment.put("PLATFORM_WEBHOOKS_SSRF_REFUSED_LOOPBACK_PORTS", refused);
            started.stream().filter(s -> PANEL_CLIENTS.containsKey(s.service().name())).forEach(s -> environment.put(
                    "QUARKUS_REST_CLIENT_" + PANEL_CLIENTS.get(s.service().name()) + "_URL", "http://127.0.0.1:" + s.port()));
            ServiceProcess process = new ServiceProcess(service, port, paths.logs().resolve(service.name() + ".log"));
            process.start(dir, jar, environment, jvm, JvmSettings.podMemoryLimitMi(paths.repositoryRoot(), service.name()));
            started.add(process);
            LOG.info("{} starting on port {} (log {})", service.name(), port, paths.localDir().relativize(process.logFile()));
        }
        return started;
    }

    private Map<String, Boolean> awaitReady(List<ServiceProcess> services) throws InterruptedException {
        Map<String, Boolean> ready = new LinkedHashMap<>();
        if (services.isEmpty()) {
            return ready;
        }
        ExecutorService pool = Executors.newFixedThreadPool(services.size());
        try {
            Map<ServiceProcess, Future<Boolean>> waits = new LinkedHashMap<>();
            for (ServiceProcess s : services) {
                waits.put(s, pool.submit(() -> s.awaitReady(READY_TIMEOUT)));
            }
            for (Map.Entry<ServiceProcess, Future<Boolean>> e : waits.entrySet()) {
                boolean ok;
                try {
                    ok = e.getValue().get();
                } catch (java.util.concurrent.ExecutionException ex) {
                    ok = false;
                }
                ServiceProcess s = e.getKey();
                ready.put(s.service().name(), ok);
                if (ok) {
                    LOG.info("{} is ready", s.service().name());
                } else {
                    LOG.error("{} did not become ready within {} s{}; last lines of {}:", s.service().name(),
                            READY_TIMEOUT.toSeconds(), s.isAlive() ? "" : " (process exited)", s.logFile());
                    s.tail(30).forEach(line -> System.out.println("    " + line));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return ready;
    }

    private static void stopServices(List<ServiceProcess> services) throws InterruptedException {
        services.forEach(ServiceProcess::requestStop);
        for (ServiceProcess s : services) {
            // Quarkus stops in a second or two; the rest of the ten seconds of a Ctrl-C is for the infrastructure.
            s.awaitStop(Duration.ofSeconds(5));
        }
    }
}
