package io.rpik8s.panel.apps;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rpik8s.panel.upstream.AppDtos.DeployRequest;
import io.rpik8s.panel.upstream.AppDtos.EnvVar;
import io.rpik8s.panel.upstream.AppDtos.Resources;
import io.rpik8s.panel.upstream.AppDtos.ServiceRequest;
import io.rpik8s.panel.upstream.ServiceProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the deploy form into deployment-service's request. Only what a form cannot express is checked here (a
 * number that is not one, a line without {@code =}); every rule of the API is left to the service.
 */
final class DeployRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeployRequests() {
    }

    static DeployRequest from(DeployForm form) {
        Map<String, Object> config = null;
        if ("manifest".equals(form.plugin)) {
            config = Map.of("manifests", form.settings);
        } else if (!form.settings.isBlank()) {
            try {
                config = JSON.readValue(form.settings, new TypeReference<Map<String, Object>>() { });
            } catch (Exception e) {
                throw ServiceProblem.invalid("config", "must be a JSON object of the plugin's settings");
            }
        }
        boolean container = "container".equals(form.plugin);
        return new DeployRequest(form.name.trim(), form.namespace.trim(), blankToNull(form.image),
                number("replicas", form.replicas), container ? env(form.env) : null,
                container ? resources(form) : null, pairs("labels", form.labels), form.plugin, config,
                container && !form.servicePort.isBlank() ? new ServiceRequest(number("servicePort", form.servicePort))
                        : null);
    }

    static Integer number(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw ServiceProblem.invalid(field, "must be a whole number");
        }
    }

    /** A revision number from a form field: none when blank, a field problem when not a whole number. */
    static Long revision(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw ServiceProblem.invalid(field, "must be a whole number");
        }
    }

    private static List<EnvVar> env(String lines) {
        Map<String, String> pairs = pairs("env", lines);
        if (pairs == null) {
            return null;
        }
        List<EnvVar> env = new ArrayList<>();
        pairs.forEach((k, v) -> env.add(new EnvVar(k, v)));
        return env;
    }

    /** {@code KEY=value} lines; blank lines are skipped. */
    private static Map<String, String> pairs(String field, String lines) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String line : lines.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw ServiceProblem.invalid(field, "each line must be KEY=value (\"" + line.trim() + "\" is not)");
            }
            pairs.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
        return pairs.isEmpty() ? null : pairs;
    }

    private static Resources resources(DeployForm form) {
        Map<String, String> requests = quantities(form.cpuRequest, form.memoryRequest);
        Map<String, String> limits = quantities(form.cpuLimit, form.memoryLimit);
        return requests == null && limits == null ? null : new Resources(requests, limits);
    }

    private static Map<String, String> quantities(String cpu, String memory) {
        Map<String, String> q = new LinkedHashMap<>();
        if (!cpu.isBlank()) {
            q.put("cpu", cpu.trim());
        }
        if (!memory.isBlank()) {
            q.put("memory", memory.trim());
        }
        return q.isEmpty() ? null : q;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
