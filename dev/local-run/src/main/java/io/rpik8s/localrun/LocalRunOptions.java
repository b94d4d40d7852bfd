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
 * @param help print the usage and stop
 * @param fresh start with empty data (PostgreSQL, S3, Kafka, the simulated cluster) instead of the last run's
 */
public record LocalRunOptions(Set<String> services, boolean skipServices, int apiPort, boolean help, boolean fresh) {

    static final String USAGE = """
            Usage: run-local.sh [--no-build] [options]
              --no-build            start from what is already built (no Maven build first)
              --fresh               start with empty data: PostgreSQL, S3, Kafka and the simulated cluster
                                    (a plain start keeps the last run's data, the cluster's objects too)
              --services a,b        start only these services (deployment-service, monitoring-service,
                                    storage-service, webhook-dispatcher, control-panel)
              --infra-only          start Kafka, PostgreSQL, S3, Prometheus and the cluster only, and write
                                    .local/infra.env for a service run with quarkus:dev (docs/operations.md)
              --api-port N          preferred port of the simulated Kubernetes API (default 6443)
              -h, --help            this text
            Environment: KUBECONFIG (use a real cluster), KAFKA_BOOTSTRAP_SERVERS, PLATFORM_DB_URL with
            PLATFORM_DB_USERNAME/PLATFORM_DB_PASSWORD, PLATFORM_STORAGE_S3_ENDPOINT with _ACCESS_KEY/_SECRET_KEY,
            PROMETHEUS_URL, OTEL_EXPORTER_OTLP_ENDPOINT. Debian's prometheus and prometheus-alertmanager are
            used when installed (PLATFORM_LOCAL_PROMETHEUS=stand-in: the simulated Prometheus API instead).
            The services listen on 127.0.0.1 unless PLATFORM_LOCAL_BIND_ADDRESS says otherwise (0.0.0.0: every
            interface). Data, logs and generated secrets (the PostgreSQL password too) live in .local/.
            Ctrl-C stops everything.""";

    public LocalRunOptions(Set<String> services, boolean skipServices, int apiPort, boolean help) {
        this(services, skipServices, apiPort, help, false);
    }

    /** Parses the command line; a wrong option or value is an {@link IllegalArgumentException} with a one-line message. */
    static LocalRunOptions parse(String[] args) {
        Set<String> services = Set.of();
        boolean skip = false;
        int apiPort = 6443;
        boolean help = false;
        boolean fresh = false;
        List<String> list = Arrays.asList(args);
        for (int i = 0; i < list.size(); i++) {
            String option = list.get(i);
            switch (option) {
                case "--services" -> services = Arrays.stream(value(list, ++i, option).split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
                case "--infra-only" -> skip = true;
                case "--api-port" -> apiPort = port(value(list, ++i, option));
                case "--fresh" -> fresh = true;
                case "-h", "--help" -> help = true;
                case "--no-build" -> {
                    // handled by run-local.sh
                }
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new LocalRunOptions(services, skip, apiPort, help, fresh);
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--api-port must be a port number (1-65535), not '" + value + "'");
    }

    boolean includes(String service) {
        return services.isEmpty() || services.contains(service);
    }
}
