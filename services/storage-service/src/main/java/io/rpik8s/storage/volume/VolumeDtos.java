package io.rpik8s.storage.volume;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/** Request and response bodies of the volume and storage-class API. */
public final class VolumeDtos {

    static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";
    static final String QUANTITY = "^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$";
    static final String QUANTITY_MESSAGE = "must be a Kubernetes quantity such as 512Mi or 10Gi";

    private VolumeDtos() {
    }

    /** Create a claim; without a storage class the cluster default applies. */
    public record CreateVolume(
            @NotBlank @Pattern(regexp = DNS_LABEL, message = "must be a Kubernetes object name") String name,
            @NotBlank @Pattern(regexp = DNS_LABEL, message = "must be a Kubernetes namespace name") String namespace,
            @NotBlank @Pattern(regexp = QUANTITY, message = QUANTITY_MESSAGE) String capacity,
            @Pattern(regexp = "^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", message = "must be a storage class name")
            String storageClass,
            @Pattern(regexp = "ReadWriteOnce|ReadOnlyMany|ReadWriteMany|ReadWriteOncePod",
                    message = "must be ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod")
            String accessMode) {
    }

    /** Grow a claim to {@code capacity}. */
    public record ExpandVolume(@NotBlank @Pattern(regexp = QUANTITY, message = QUANTITY_MESSAGE) String capacity) {
    }

    /** A claim with the pods using it and, when Prometheus knows, its usage. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VolumeView(String name, String namespace, String storageClass, String capacity, String requested,
            String phase, List<String> accessModes, List<String> pods, Long usedBytes, Long capacityBytes,
            Double usagePercent) {
    }

    /** A storage class and whether its volumes can grow. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StorageClassView(String name, String provisioner, boolean allowVolumeExpansion,
            String reclaimPolicy, String volumeBindingMode, boolean isDefault) {
    }
}
