package io.rpik8s.monitoring.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.rpik8s.monitoring.support.ShippedRules;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One rule set: every rule of the built-in engine is the offline equivalent of a Prometheus rule the manifests ship,
 * with the same name, group and severity, so an alert means the same whichever engine raised it (ADR 0006).
 */
class BuiltInRulesMatchShippedRulesTest {

    @Test
    void everyBuiltInRuleIsAShippedRuleWithTheSameGroupAndSeverity() throws Exception {
        Map<String, JsonNode> shipped = new HashMap<>();
        Map<String, String> groupOf = new HashMap<>();
        YAMLMapper yaml = new YAMLMapper();
        for (String text : ShippedRules.files().values()) {
            for (JsonNode group : yaml.readTree(text).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    shipped.put(rule.path("alert").asText(), rule);
                    groupOf.put(rule.path("alert").asText(), group.path("name").asText());
                }
            }
        }
        for (BuiltInRule rule : BuiltInRule.values()) {
            assertThat(shipped).as("shipped rule for built-in %s", rule.ruleName()).containsKey(rule.ruleName());
            JsonNode definition = shipped.get(rule.ruleName());
            assertThat(definition.path("labels").path("severity").asText()).as("severity of %s", rule.ruleName())
                    .isEqualTo(rule.severity());
            assertThat(groupOf.get(rule.ruleName())).as("group of %s", rule.ruleName()).isEqualTo(rule.group());
        }
    }

    @Test
    void everyShippedRuleNamesItsSeverityAndSubject() throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        for (Map.Entry<String, String> file : ShippedRules.files().entrySet()) {
            for (JsonNode group : yaml.readTree(file.getValue()).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    String name = file.getKey() + ": " + rule.path("alert").asText();
                    assertThat(rule.path("labels").path("severity").asText()).as("severity of %s", name)
                            .isIn("critical", "warning", "info");
                    assertThat(rule.path("annotations").path("subject").asText()).as("subject of %s", name)
                            .matches("(node|pod|service|deployment)/.+");
                    assertThat(rule.path("annotations").path("summary").asText()).as("summary of %s", name)
                            .isNotBlank();
                }
            }
        }
    }
}
