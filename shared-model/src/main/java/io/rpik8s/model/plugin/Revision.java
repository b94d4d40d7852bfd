package io.rpik8s.model.plugin;

/**
 * One entry of an app's rollout history.
 *
 * @param number    revision number, increasing with every rollout
 * @param image     main image of that revision
 * @param createdAt when the revision was made (RFC 3339), when known
 * @param source    the object that holds it, e.g. the ReplicaSet's name
 * @param current   whether the app runs this revision now
 */
public record Revision(long number, String image, String createdAt, String source, boolean current) {
}
