package io.rpik8s.monitoring.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.rpik8s.monitoring.config.MonitoringConfig;
import io.rpik8s.monitoring.prometheus.PrometheusClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The alert rules with their state, from whichever engine evaluates them: Prometheus' {@code /api/v1/rules} when the
 * source is Alertmanager, the built-in engine otherwise.
 */
@ApplicationScoped
public class AlertRuleCatalog {

    private final PrometheusClient prometheus;
    private final AlertEngine engine;
    private final Duration nodeNotReadyFor;

    public AlertRuleCatalog(PrometheusClient prometheus, AlertEngine engine, MonitoringConfig config) {
        this.prometheus = prometheus;
        this.engine = engine;
        this.nodeNotReadyFor = config.alerts().nodeNotReadyFor();
    }

    public Uni<List<AlertRuleView>> rules() {
        return engine.enabled() ? Uni.createFrom().item(builtIn()) : fromPrometheus();
    }

    private Uni<List<AlertRuleView>> fromPrometheus() {
        return prometheus.get("rules", Map.of("type", "alert")).map(body -> {
            List<AlertRuleView> out = new ArrayList<>();
            for (JsonNode group : body.path("data").path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    out.add(new AlertRuleView(rule.path("name").asText(), group.path("name").asText(),
                            rule.path("labels").path("severity").asText("warning"), rule.path("state").asText(),
                            "prometheus", rule.path("query").asText(), rule.path("duration").asDouble(),
                            rule.path("annotations").path("summary").asText(null), rule.path("alerts").size(),
                            rule.path("health").asText(null), rule.path("lastError").asText(null)));
                }
            }
            return out;
        });
    }

    private List<AlertRuleView> builtIn() {
        Map<String, Long> firing = new HashMap<>();
        engine.active().forEach(a -> firing.merge(a.rule(), 1L, Long::sum));
        Set<String> pending = engine.pendingRules();
        List<AlertRuleView> out = new ArrayList<>();
        for (BuiltInRule rule : BuiltInRule.values()) {
            long active = firing.getOrDefault(rule.ruleName(), 0L);
            String state = active > 0 ? "firing" : pending.contains(rule.ruleName()) ? "pending" : "inactive";
            double holdFor = rule == BuiltInRule.NODE_NOT_READY ? nodeNotReadyFor.toMillis() / 1000.0 : 0;
            out.add(new AlertRuleView(rule.ruleName(), rule.group(), rule.severity(), state, "built-in", null,
                    holdFor, rule.summary(), (int) active, "ok", null));
        }
        return out;
    }
}
