package io.rpik8s.model.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The {@code volume} object of volume events: a PersistentVolumeClaim.
 *
 * @param name             claim name
 * @param namespace        claim namespace
 * @param storageClass     storage class
 * @param capacity         requested capacity as a Kubernetes quantity ({@code 10Gi})
 * @param previousCapacity capacity before an expansion
 * @param usedBytes        used bytes, when known
 * @param capacityBytes    capacity in bytes, when known
 * @param usagePercent     used / capacity in percent, when known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VolumePayload(
        String name,
        String namespace,
        String storageClass,
        String capacity,
        String previousCapacity,
        Long usedBytes,
        Long capacityBytes,
        Double usagePercent) {

    public static VolumePayload of(String name, String namespace, String storageClass, String capacity) {
        return new VolumePayload(name, namespace, storageClass, capacity, null, null, null, null);
    }
}
