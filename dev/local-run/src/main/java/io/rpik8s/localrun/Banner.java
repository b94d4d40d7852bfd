package io.rpik8s.localrun;

import io.rpik8s.localrun.services.ServiceProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The summary printed once everything is up: where each part runs, credentials' paths, example commands. */
final class Banner {

    private Banner() {
    }

    static String render(Map<String, String> endpoints, List<ServiceProcess> services, Map<String, Boolean> ready,
                         LocalPaths paths, boolean simulated, boolean kept, boolean infraOnly, Duration took) {
        StringBuilder b = new StringBuilder("\n");
        String rule = "=".repeat(100);
        b.append(rule).append('\n');
        b.append(simulated ? "  rpi-k8s-platform LOCAL RUN  --  SIMULATED CLUSTER (4 simulated Raspberry Pi nodes, no real hardware)\n"
                : "  rpi-k8s-platform LOCAL RUN  --  against the cluster of your KUBECONFIG\n");
        b.append(rule).append('\n');
        b.append(String.format("  Started in %d s.%n", took.toSeconds()));
        b.append(kept ? "  Data: KEPT from the last run (database, S3, Kafka" + (simulated ? ", cluster objects" : "")
                + "); ./run-local.sh --fresh starts empty.\n\n"
                : "  Data: EMPTY (a fresh start); the next plain start keeps what you create now.\n\n");
        services.stream().filter(s -> s.service().name().equals("control-panel")).findFirst().ifPresent(panel -> b
                .append(String.format("  Control panel   http://127.0.0.1:%d   %s  (sign in with the token in %s)%n%n",
                        panel.port(), ready.getOrDefault("control-panel", false) ? "READY" : "NOT READY",
                        paths.repositoryRoot().relativize(paths.adminToken()))));
        b.append("  Services\n");
        if (services.isEmpty()) {
            b.append("    (none started)\n");
        }
        String firstApi = null;
        for (ServiceProcess s : services) {
            boolean ok = ready.getOrDefault(s.service().name(), false);
            String base = "http://127.0.0.1:" + s.port();
            if (s.service().restApi()) {
                firstApi = firstApi == null ? base : firstApi;
            }
            String swagger = s.service().restApi() ? "swagger: " + base + "/q/swagger-ui" : "";
            b.append(String.format("    %-20s %-24s %-7s %-52s log: %s%n", s.service().name(), base,
                    ok ? "READY" : "NOT READY", swagger, paths.repositoryRoot().relativize(s.logFile())));
        }
        b.append("\n  Infrastructure\n");
        endpoints.forEach((what, where) -> b.append(String.format("    %-55s %s%n", what, where)));
        String kubeconfig = paths.repositoryRoot().relativize(paths.kubeconfig()).toString();
        String token = paths.repositoryRoot().relativize(paths.adminToken()).toString();
        b.append("\n  Files\n");
        if (simulated) {
            b.append("    kubeconfig (simulated cluster)  ").append(paths.kubeconfig()).append('\n');
        }
        b.append("    admin API token (30 days)       ").append(paths.adminToken()).append('\n');
        b.append("    logs                            ").append(paths.logs()).append('\n');
        b.append("\n  Try\n");
        if (simulated) {
            b.append("    kubectl --kubeconfig ").append(kubeconfig).append(" get nodes -o wide\n");
            b.append("    kubectl --kubeconfig ").append(kubeconfig).append(" get pods -A\n");
            b.append("    kubectl --kubeconfig ").append(kubeconfig).append(" top nodes\n");
        }
        if (firstApi != null) {
            b.append("    curl -H \"Authorization: Bearer $(cat ").append(token).append(")\" ").append(firstApi)
                    .append("/q/health/ready\n");
            b.append("    open ").append(firstApi).append("/q/swagger-ui\n");
        }
        if (infraOnly) {
            b.append("\n  Work on one service against this infrastructure, in another terminal (docs/operations.md):\n");
            b.append("    source ").append(paths.repositoryRoot().relativize(paths.infraEnv())).append('\n');
            b.append("    ./mvnw -pl services/deployment-service quarkus:dev\n");
        }
        b.append("\n  Press Ctrl-C to stop everything.\n");
        b.append(rule).append('\n');
        return b.toString();
    }
}
