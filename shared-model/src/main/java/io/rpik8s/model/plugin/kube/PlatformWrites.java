package io.rpik8s.model.plugin.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Marks a plugin's write of a workload as the platform's, on the object itself, so that every replica of
 * deployment-service tells it from a change made outside the platform ({@code kubectl scale}, {@code set image},
 * {@code rollout undo}, {@code delete}): a write the platform made carries a {@link #WRITE} stamp greater than the
 * one before it; kubectl keeps the stamp (scale, set image, restart) or puts back an older one ({@code rollout undo}
 * copies the annotations of the revision's ReplicaSet). A workload the platform is about to delete is stamped
 * {@link #DELETING} first. Plugins stamp what they write: {@link #stamp} before a create, update or edit,
 * {@link #stampDeletion} in an edit right before the delete ({@link #delete} does both).
 */
public final class PlatformWrites {

    /** The annotation holding the stamp of the platform's last write (milliseconds, always growing per object). */
    public static final String WRITE = "rpi-k8s.io/platform-write";
    /** The annotation of a workload the platform is deleting. */
    public static final String DELETING = "rpi-k8s.io/platform-deleting";

    /** The kinds deployment-service watches for changes made outside the platform. */
    private static final Set<String> WATCHED = Set.of("Deployment", "StatefulSet", "CronJob");

    private PlatformWrites() {
    }

    /** Stamps {@code object} (as read, or as it will be created) as written by the platform now. */
    public static <T extends HasMetadata> T stamp(T object) {
        long next = nextStamp(object);
        Map<String, String> annotations = object.getMetadata().getAnnotations() == null ? new HashMap<>()
                : new HashMap<>(object.getMetadata().getAnnotations());
        annotations.put(WRITE, Long.toString(next));
        object.getMetadata().setAnnotations(annotations);
        return object;
    }

    /** Stamps {@code object} as about to be deleted by the platform. */
    public static <T extends HasMetadata> T stampDeletion(T object) {
        stamp(object).getMetadata().getAnnotations().put(DELETING, "true");
        return object;
    }

    /** Whether the change from {@code before} to {@code after} of one object was a platform write. */
    public static boolean isPlatformWrite(HasMetadata before, HasMetadata after) {
        return stampOf(after) > stampOf(before);
    }

    /** Whether {@code last}, the last state of a deleted object, was stamped for deletion by the platform. */
    public static boolean isPlatformDeletion(HasMetadata last) {
        Map<String, String> annotations = last.getMetadata().getAnnotations();
        return annotations != null && "true".equals(annotations.get(DELETING));
    }

    /**
     * Deletes {@code object} in {@code namespace} as the platform: a watched workload is stamped for deletion first
     * (one request more); one that is gone already is left alone.
     */
    public static void delete(KubernetesClient client, HasMetadata object, String namespace) {
        var resource = client.resource(object).inNamespace(namespace);
        if (WATCHED.contains(object.getKind())) {
            // A merge patch that names no resourceVersion: an edit of the object as read would be pinned to its
            // resourceVersion, and a controller's status write meanwhile (any rollout) would make it a 409.
            String stamps = client.getKubernetesSerialization().asJson(Map.of("metadata", Map.of("annotations", Map.of(
                    WRITE, Long.toString(nextStamp(object)), DELETING, "true"))));
            try {
                resource.patch(PatchContext.of(PatchType.JSON_MERGE), stamps);
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return;
                }
                throw e;
            }
        }
        resource.delete();
    }

    private static long nextStamp(HasMetadata object) {
        return Math.max(System.currentTimeMillis(), stampOf(object) + 1);
    }

    private static long stampOf(HasMetadata object) {
        Map<String, String> annotations = object == null ? null : object.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(WRITE);
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
