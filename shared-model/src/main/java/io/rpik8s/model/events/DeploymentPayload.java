package io.rpik8s.model.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The {@code deployment} object of deployment events. The first four fields are the original framework's webhook
 * payload; the rest are filled where they mean something for the event type.
 *
 * @param name            the deployment (app) name
 * @param namespace       its namespace
 * @param replicas        desired replicas after the change
 * @param image           the main container image after the change
 * @param plugin          the deployment plugin that manages the app ({@code container}, {@code manifest}, ...)
 * @param revision        the rollout revision the event refers to
 * @param previousReplicas replicas before a scale
 * @param previousImage   image before an update or rollback
 * @param readyReplicas   ready replicas when the event was observed
 * @param reason          a machine-readable reason (for {@code deployment.failed}: ProgressDeadlineExceeded, ...)
 * @param message         a human-readable message
 * @param origin          where the change came from: {@code api}, {@code platformapp} or {@code cluster}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentPayload(
        String name,
        String namespace,
        Integer replicas,
        String image,
        String plugin,
        Long revision,
        Integer previousReplicas,
        String previousImage,
        Integer readyReplicas,
        String reason,
        String message,
        String origin) {

    /** {@code origin} of a change made through the REST API. */
    public static final String ORIGIN_API = "api";
    /** {@code origin} of a change made by reconciling a PlatformApp. */
    public static final String ORIGIN_PLATFORMAPP = "platformapp";
    /** {@code origin} of a change seen on the cluster (kubectl, GitOps, a controller). */
    public static final String ORIGIN_CLUSTER = "cluster";

    /** The original framework's four fields only. */
    public static DeploymentPayload of(String name, String namespace, Integer replicas, String image) {
        return new DeploymentPayload(name, namespace, replicas, image, null, null, null, null, null, null, null, null);
    }

    /** An app as every deployment event describes it: what it runs now, its plugin and where the change came from. */
    public static DeploymentPayload app(String name, String namespace, Integer replicas, String image, String plugin,
            String origin) {
        return new DeploymentPayload(name, namespace, replicas, image, plugin, null, null, null, null, null, null,
                origin);
    }

    DeploymentPayload withPrevious(Integer replicasBefore, String imageBefore) {
        return new DeploymentPayload(name, namespace, replicas, image, plugin, revision, replicasBefore, imageBefore,
                readyReplicas, reason, message, origin);
    }

    DeploymentPayload withReplicas(Integer to) {
        return new DeploymentPayload(name, namespace, to, image, plugin, revision, previousReplicas, previousImage,
                readyReplicas, reason, message, origin);
    }

    DeploymentPayload withRevision(Long at) {
        return new DeploymentPayload(name, namespace, replicas, image, plugin, at, previousReplicas, previousImage,
                readyReplicas, reason, message, origin);
    }

    DeploymentPayload withOutcome(Integer ready, String why, String text) {
        return new DeploymentPayload(name, namespace, replicas, image, plugin, revision, previousReplicas,
                previousImage, ready, why, text, origin);
    }
}
