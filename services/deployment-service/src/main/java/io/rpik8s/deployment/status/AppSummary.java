package io.rpik8s.deployment.status;

/**
 * One line of {@code GET /deployments}: an app, and whether the platform manages it ({@code managed: false} for a
 * workload made with kubectl or GitOps in a managed namespace, whose {@code plugin} is then null).
 *
 * @param kind the Kubernetes kind the app's state is read from (Deployment, StatefulSet, CronJob, or the kind of the
 *             plugin's choosing for a managed app)
 */
public record AppSummary(String name, String namespace, String plugin, String image, int desired, int ready,
        String rolloutState, boolean managed, String kind) {
}
