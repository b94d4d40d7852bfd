package io.rpik8s.localrun;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Command-line options of the launcher.
 *
 * @param services names of the services to start (empty: all four)
 * @param skipServices start the infrastructure and the cluster only
 * @param apiPort preferred port of the simulated Kubernetes API
 */
record LocalRunOptions(Set<String> services, boolean skipServices, int apiPort, boolean help) {

    static final String USAGE = """
            Usage: run-local.sh [--no-build] [options]
              --services a,b        start only these services (deployment-service, monitoring-service,
                                    storage-service, webhook-dispatcher)
              --infra-only          start Kafka, PostgreSQL, S3, the Prometheus stand-in and the cluster only
              --api-port N          preferred port of the simulated Kubernetes API (default 6443)
              -h, --help            this text
            Environment: KUBECONFIG (use a real cluster), KAFKA_BOOTSTRAP_SERVERS, PLATFORM_DB_URL with
            PLATFORM_DB_USERNAME/PLATFORM_DB_PASSWORD, PLATFORM_STORAGE_S3_ENDPOINT with _ACCESS_KEY/_SECRET_KEY,
            PROMETHEUS_URL, OTEL_EXPORTER_OTLP_ENDPOINT. The services listen on 127.0.0.1 unless
            PLATFORM_LOCAL_BIND_ADDRESS says otherwise (0.0.0.0: every interface). Data, logs and generated secrets
            (the PostgreSQL password too) live in .local/.""";

    static LocalRunOptions parse(String[] args) {
        Set<String> services = Set.of();
        boolean skip = false;
        int apiPort = 6443;
        boolean help = false;
        List<String> list = Arrays.asList(args);
        for (int i = 0; i < list.size(); i++) {
            switch (list.get(i)) {
                case "--services" -> services = Arrays.stream(list.get(++i).split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
                case "--infra-only" -> skip = true;
                case "--api-port" -> apiPort = Integer.parseInt(list.get(++i));
                case "-h", "--help" -> help = true;
                case "--no-build" -> {
                    // handled by run-local.sh
                }
                default -> throw new IllegalArgumentException("Unknown option " + list.get(i) + "\n" + USAGE);
            }
        }
        return new LocalRunOptions(services, skip, apiPort, help);
    }

    boolean includes(String service) {
        return services.isEmpty() || services.contains(service);
    }
}
