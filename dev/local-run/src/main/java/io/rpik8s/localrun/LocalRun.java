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
import io.rpik8s.localrun.services.PlatformService;
import io.rpik8s.localrun.services.ServiceProcess;
import io.rpik8s.localrun.tracing.TraceSink;
import io.rpik8s.model.auth.PlatformTokens;
import io.rpik8s.model.events.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
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
        LocalInfrastructure infrastructure = new LocalInfrastructure(paths, env, shutdown, endpoints);
        String kafka = infrastructure.kafka(TOPICS);
        serviceEnv.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        serviceEnv.putAll(infrastructure.postgres());
        serviceEnv.putAll(infrastructure.s3());

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
        if (options.skipServices()) {
            // Services started by hand (quarkus:dev) get what the launcher would give them, from a file.
            Map<String, String> infra = new LinkedHashMap<>(serviceEnv);
            infra.put("PLATFORM_WEBHOOKS_SSRF_REFUSED_LOOPBACK_PORTS", InfraEnvFile.refusedPorts(serviceEnv,
                    PlatformService.ALL.stream().map(PlatformService::port).toList(), options.apiPort()));
            infra.putAll(InfraEnvFile.panelClients());
            InfraEnvFile.write(paths.infraEnv(), infra);
        }
        List<ServiceProcess> services = options.skipServices() ? List.of() : new LocalServices(paths, options, shutdown).start(serviceEnv);
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
        Map<String, Boolean> ready = LocalServices.awaitReady(services, READY_TIMEOUT);
        System.out.println(Banner.render(endpoints, services, ready, paths, simulated, kept, options.skipServices(),
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
}
