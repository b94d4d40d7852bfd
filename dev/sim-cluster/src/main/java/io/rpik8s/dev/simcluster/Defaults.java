package io.rpik8s.dev.simcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicLong;

/** The few API-server defaults the simulated cluster fills in on every write, as a real API server would. */
final class Defaults {

    private Defaults() {
    }

    /** What an update may leave out and the API server keeps from the stored object (a Service's cluster IP). */
    static void carryOver(String plural, ObjectNode object, JsonNode stored) {
        if ("services".equals(plural) && object.path("spec") instanceof ObjectNode spec && !spec.has("clusterIP")
                && stored.path("spec").has("clusterIP")) {
            spec.set("clusterIP", stored.path("spec").get("clusterIP").deepCopy());
            spec.set("clusterIPs", stored.path("spec").path("clusterIPs").deepCopy());
        }
    }

    static void apply(String plural, ObjectNode object, AtomicLong clusterIps) {
        switch (plural) {
            case "deployments" -> deployment(object);
            case "replicasets" -> {
                ObjectNode spec = object.with("spec");
                if (!spec.has("replicas")) {
                    spec.put("replicas", 1);
                }
                podTemplate(spec.path("template"));
            }
            case "pods" -> podSpec(object.path("spec"));
            case "services" -> service(object, clusterIps);
            case "persistentvolumeclaims" -> {
                ObjectNode spec = object.with("spec");
                if (!spec.has("volumeMode")) {
                    spec.put("volumeMode", "Filesystem");
                }
            }
            default -> {
                // nothing to default
            }
        }
    }

    private static void deployment(ObjectNode d) {
        ObjectNode spec = d.with("spec");
        if (!spec.has("replicas")) {
            spec.put("replicas", 1);
        }
        if (!spec.has("revisionHistoryLimit")) {
            spec.put("revisionHistoryLimit", 10);
        }
        if (!spec.has("progressDeadlineSeconds")) {
            spec.put("progressDeadlineSeconds", 600);
        }
        ObjectNode strategy = spec.with("strategy");
        if (!strategy.has("type")) {
            strategy.put("type", "RollingUpdate");
        }
        if ("RollingUpdate".equals(strategy.path("type").asText()) && !strategy.has("rollingUpdate")) {
            ObjectNode ru = strategy.putObject("rollingUpdate");
            ru.put("maxSurge", "25%");
            ru.put("maxUnavailable", "25%");
        }
        podTemplate(spec.path("template"));
    }

    private static void podTemplate(JsonNode template) {
        if (template instanceof ObjectNode t && t.path("spec") instanceof ObjectNode) {
            podSpec(t.path("spec"));
        }
    }

    private static void podSpec(JsonNode specNode) {
        if (!(specNode instanceof ObjectNode spec)) {
            return;
        }
        if (!spec.has("restartPolicy")) {
            spec.put("restartPolicy", "Always");
        }
        if (!spec.has("dnsPolicy")) {
            spec.put("dnsPolicy", "ClusterFirst");
        }
        if (!spec.has("schedulerName")) {
            spec.put("schedulerName", "default-scheduler");
        }
        if (!spec.has("terminationGracePeriodSeconds")) {
            spec.put("terminationGracePeriodSeconds", 30);
        }
        if (!spec.has("securityContext")) {
            spec.putObject("securityContext");
        }
        for (JsonNode c : spec.path("containers")) {
            if (c instanceof ObjectNode container) {
                // as kube-apiserver stores every container: kubectl sends these back in rollout undo's template
                if (!container.has("resources")) {
                    container.putObject("resources");
                }
                if (!container.has("terminationMessagePath")) {
                    container.put("terminationMessagePath", "/dev/termination-log");
                }
                if (!container.has("terminationMessagePolicy")) {
                    container.put("terminationMessagePolicy", "File");
                }
            }
            if (c instanceof ObjectNode container && !container.has("imagePullPolicy")) {
                String image = container.path("image").asText();
                boolean latest = image.endsWith(":latest") || !image.substring(image.lastIndexOf('/') + 1).contains(":");
                container.put("imagePullPolicy", latest ? "Always" : "IfNotPresent");
            }
            if (c instanceof ObjectNode container) {
                for (JsonNode p : container.path("ports")) {
                    if (p instanceof ObjectNode port && !port.has("protocol")) {
                        port.put("protocol", "TCP");
                    }
                }
            }
        }
    }

    private static void service(ObjectNode svc, AtomicLong clusterIps) {
        ObjectNode spec = svc.with("spec");
        if (!spec.has("type")) {
            spec.put("type", "ClusterIP");
        }
        if (!spec.has("clusterIP")) {
            long n = clusterIps.incrementAndGet();
            String ip = "10.43." + ((n / 250) % 250) + "." + (n % 250 + 1);
            spec.put("clusterIP", ip);
            spec.putArray("clusterIPs").add(ip);
        }
        if (!spec.has("sessionAffinity")) {
            spec.put("sessionAffinity", "None");
        }
        int nodePort = 30000 + (int) (clusterIps.get() % 2000);
        for (JsonNode p : spec.path("ports")) {
            if (p instanceof ObjectNode port) {
                if (!port.has("protocol")) {
                    port.put("protocol", "TCP");
                }
                if (!port.has("targetPort")) {
                    port.set("targetPort", port.get("port"));
                }
                if (("NodePort".equals(spec.path("type").asText()) || "LoadBalancer".equals(spec.path("type").asText()))
                        && !port.has("nodePort")) {
                    port.put("nodePort", nodePort++);
                }
            }
        }
    }
}
