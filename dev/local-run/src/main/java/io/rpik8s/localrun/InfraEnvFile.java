package io.rpik8s.localrun;

import io.rpik8s.localrun.auth.LocalSecrets;
import io.rpik8s.localrun.services.PlatformService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The settings a service needs to run against this local run's infrastructure, as a file a shell sources
 * ({@code source .local/infra.env}) before {@code ./mvnw -pl services/<name> quarkus:dev} or {@code java -jar}:
 * what the launcher gives the services it starts itself, with the {@code local} profile.
 */
final class InfraEnvFile {

    private static final Pattern PORT = Pattern.compile(":(\\d+)");
    /** The control panel's REST clients, by the service each calls. */
    static final Map<String, String> PANEL_CLIENTS = Map.of("deployment-service", "DEPLOYMENT",
            "monitoring-service", "MONITORING", "storage-service", "STORAGE", "webhook-dispatcher", "WEBHOOKS");

    private InfraEnvFile() {
    }

    /**
     * The loopback ports of the platform itself (its services' and infrastructure's), which webhooks may never
     * reach, comma-separated.
     */
    static String refusedPorts(Map<String, String> common, Iterable<Integer> servicePorts, int apiPort) {
        Set<Integer> own = new TreeSet<>();
        servicePorts.forEach(own::add);
        for (String key : List.of("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_DATASOURCE_JDBC_URL",
                "PLATFORM_STORAGE_S3_ENDPOINT", "PLATFORM_MONITORING_PROMETHEUS_URL")) {
            Matcher m = PORT.matcher(common.getOrDefault(key, ""));
            if (m.find()) {
                own.add(Integer.parseInt(m.group(1)));
            }
        }
        own.add(apiPort);
        return own.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** The control panel's settings for services on their conventional ports (each started with quarkus:dev). */
    static Map<String, String> panelClients() {
        Map<String, String> urls = new LinkedHashMap<>();
        PlatformService.ALL.stream().filter(s -> PANEL_CLIENTS.containsKey(s.name())).forEach(s -> urls.put(
                "QUARKUS_REST_CLIENT_" + PANEL_CLIENTS.get(s.name()) + "_URL", "http://127.0.0.1:" + s.port()));
        return urls;
    }

    /** Writes {@code file} (readable by its owner only: it holds passwords) with {@code environment} as exports. */
    static void write(Path file, Map<String, String> environment) throws IOException {
        StringBuilder text = new StringBuilder("""
                # The local run's infrastructure, for a service started by hand (written by ./run-local.sh, valid while
                # it runs). In the shell that starts the service:  source .local/infra.env
                """);
        Map<String, String> all = new LinkedHashMap<>(environment);
        all.put("QUARKUS_PROFILE", "local");
        all.forEach((key, value) -> text.append("export ").append(key).append("='")
                .append(value.replace("'", "'\\''")).append("'\n"));
        LocalSecrets.writePrivate(file, text.toString());
    }
}
