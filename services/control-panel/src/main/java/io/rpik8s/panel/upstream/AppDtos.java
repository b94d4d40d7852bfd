package io.rpik8s.panel.upstream;

import java.util.List;
import java.util.Map;

/** What deployment-service answers and accepts, as far as the panel shows or sends it. */
public final class AppDtos {

    private AppDtos() {
    }

    /** One line of the app list. */
    public record AppSummary(String name, String namespace, String plugin, String image, int desired, int ready,
            String rolloutState) {
    }

    /** A PlatformApp resource with its Ready condition (null before its first reconcile). */
    public record PlatformApp(String name, String namespace, String image, Integer replicas, Integer readyReplicas,
            Long generation, Long observedGeneration, Condition ready) {
    }

    /** An app's spec, live status and pods. */
    public record AppDetail(String name, String namespace, String plugin, String image, Map<String, String> labels,
            Spec spec, Status status, List<Pod> pods) {
    }

    /** The parts of the spec a user edits. */
    public record Spec(int replicas, List<Integer> ports, List<String> env, Map<String, Object> resources,
            Map<String, String> nodeSelector, Integer servicePort) {
    }

    /** Live replica counts, rollout state and conditions. */
    public record Status(int desired, int updated, int ready, int available, long revision, String rolloutState,
            String message, List<Condition> conditions) {

        /** Percent of the desired replicas that run the current revision and are available. */
        public int progressPercent() {
            return desired == 0 ? 100 : Math.min(100, Math.round(100f * Math.min(updated, available) / desired));
        }
    }

    /** A Kubernetes condition. */
    public record Condition(String type, String status, String reason, String message, String lastTransitionTime) {
    }

    /** One pod of the app. */
    public record Pod(String name, String phase, boolean ready, int restarts, String node, String reason) {
    }

    /** One rollout revision. */
    public record Revision(long revision, String image, String createdAt, String replicaSet, boolean current) {
    }

    /** A Kubernetes event about the app. */
    public record KubeEvent(String type, String reason, String message, String object, int count, String firstSeen,
            String lastSeen) {
    }

    /** One audited change. */
    public record HistoryEntry(long id, String at, String actor, String action, Map<String, Object> details,
            String result, String message) {
    }

    /** A deployment plugin and the changes it offers. */
    public record Plugin(String name, String description, boolean available, String message,
            List<String> operations) {
    }

    /** {@code POST /deployments}. */
    public record DeployRequest(String name, String namespace, String image, Integer replicas,
            List<EnvVar> env, Resources resources, Map<String, String> labels, String plugin,
            Map<String, Object> config, ServiceRequest service) {
    }

    /** A plain environment variable. */
    public record EnvVar(String name, String value) {
    }

    /** CPU and memory requests and limits. */
    public record Resources(Map<String, String> requests, Map<String, String> limits) {
    }

    /** The app's Service. */
    public record ServiceRequest(Integer port) {
    }

    /** {@code PUT /deployments/{ns}/{name}}. */
    public record UpdateRequest(String image) {
    }

    /** {@code POST .../scale}. */
    public record ScaleRequest(Integer replicas) {
    }

    /** {@code POST .../rollback}. */
    public record RollbackRequest(Long revision) {
    }
}
