package io.rpik8s.dev.simcluster.controller;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The simulated provisioner: binds claims to new PersistentVolumes, expands them when allowed, deletes released ones. */
final class VolumeBinder {

    private final KubernetesClient client;
    private final EventRecorder events;

    VolumeBinder(KubernetesClient client, EventRecorder events) {
        this.client = client;
        this.events = events;
    }

    void reconcile(List<PersistentVolumeClaim> claims, List<PersistentVolume> volumes, List<StorageClass> classes) {
        for (PersistentVolumeClaim pvc : claims) {
            try {
                if (!Owners.active(pvc)) {
                    continue;
                }
                String phase = pvc.getStatus() == null ? null : pvc.getStatus().getPhase();
                if (!"Bound".equals(phase)) {
                    bind(pvc, classes);
                } else {
                    expand(pvc, volumes, classes);
                }
            } catch (KubernetesClientException e) {
                // Retried on the next pass.
            }
        }
        Set<String> claimUids = claims.stream().map(c -> c.getMetadata().getUid()).collect(Collectors.toSet());
        for (PersistentVolume pv : volumes) {
            if (pv.getSpec().getClaimRef() != null && !claimUids.contains(pv.getSpec().getClaimRef().getUid())
                    && "Delete".equals(pv.getSpec().getPersistentVolumeReclaimPolicy())) {
                client.persistentVolumes().withName(pv.getMetadata().getName()).delete();
            }
        }
    }

    private void bind(PersistentVolumeClaim pvc, List<StorageClass> classes) {
        String className = pvc.getSpec().getStorageClassName();
        Optional<StorageClass> sc = className == null
                ? classes.stream().filter(c -> c.getMetadata().getAnnotations() != null
                && "true".equals(c.getMetadata().getAnnotations().get("storageclass.kubernetes.io/is-default-class"))).findFirst()
                : classes.stream().filter(c -> c.getMetadata().getName().equals(className)).findFirst();
        if (sc.isEmpty()) {
            events.warning(pvc, "persistentvolume-controller", "ProvisioningFailed",
                    "storageclass.storage.k8s.io \"" + className + "\" not found");
            return;
        }
        Quantity size = pvc.getSpec().getResources() != null && pvc.getSpec().getResources().getRequests() != null
                ? pvc.getSpec().getResources().getRequests().getOrDefault("storage", new Quantity("1Gi")) : new Quantity("1Gi");
        String pvName = "pvc-" + pvc.getMetadata().getUid();
        String provisioner = sc.get().getProvisioner();
        PersistentVolume pv = new PersistentVolumeBuilder()
                .withNewMetadata().withName(pvName)
                    .addToAnnotations("pv.kubernetes.io/provisioned-by", provisioner)
                    .addToLabels("rpi-k8s.io/simulated", "true")
                .endMetadata()
                .withNewSpec()
                    .withCapacity(Map.of("storage", size))
                    .withAccessModes(pvc.getSpec().getAccessModes())
                    .withPersistentVolumeReclaimPolicy(sc.get().getReclaimPolicy() == null ? "Delete" : sc.get().getReclaimPolicy())
                    .withStorageClassName(sc.get().getMetadata().getName())
                    .withVolumeMode("Filesystem")
                    .withNewHostPath().withPath("/var/lib/rancher/k3s/storage/" + pvName + "_" + pvc.getMetadata().getNamespace()
                            + "_" + pvc.getMetadata().getName()).withType("DirectoryOrCreate").endHostPath()
                    .withNewClaimRef().withKind("PersistentVolumeClaim").withApiVersion("v1")
                        .withNamespace(pvc.getMetadata().getNamespace()).withName(pvc.getMetadata().getName())
                        .withUid(pvc.getMetadata().getUid()).endClaimRef()
                .endSpec()
                .withNewStatus().withPhase("Bound").endStatus()
                .build();
        if (client.persistentVolumes().withName(pvName).get() == null) {
            client.persistentVolumes().resource(pv).create();
        }
        events.normal(pvc, provisioner + "_simulated", "ProvisioningSucceeded",
                "Successfully provisioned volume " + pvName);
        PersistentVolumeClaim fresh = client.persistentVolumeClaims().inNamespace(pvc.getMetadata().getNamespace())
                .withName(pvc.getMetadata().getName()).get();
        fresh.getSpec().setVolumeName(pvName);
        fresh.getSpec().setStorageClassName(sc.get().getMetadata().getName());
        if (fresh.getMetadata().getAnnotations() == null) {
            fresh.getMetadata().setAnnotations(new java.util.HashMap<>());
        }
        fresh.getMetadata().getAnnotations().put("pv.kubernetes.io/bind-completed", "yes");
        fresh.getMetadata().getAnnotations().put("volume.kubernetes.io/storage-provisioner", provisioner);
        fresh.getMetadata().setResourceVersion(null);
        fresh = client.persistentVolumeClaims().inNamespace(pvc.getMetadata().getNamespace()).resource(fresh).update();
        fresh.setStatus(new io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder().withPhase("Bound")
                .withAccessModes(pvc.getSpec().getAccessModes()).withCapacity(Map.of("storage", size)).build());
        fresh.getMetadata().setResourceVersion(null);
        client.persistentVolumeClaims().inNamespace(pvc.getMetadata().getNamespace()).resource(fresh).updateStatus();
    }

    private void expand(PersistentVolumeClaim pvc, List<PersistentVolume> volumes, List<StorageClass> classes) {
        Quantity requested = pvc.getSpec().getResources().getRequests().get("storage");
        Quantity current = pvc.getStatus().getCapacity() == null ? null : pvc.getStatus().getCapacity().get("storage");
        if (requested == null || current == null
                || Quantity.getAmountInBytes(requested).compareTo(Quantity.getAmountInBytes(current)) <= 0) {
            return;
        }
        boolean expandable = classes.stream().anyMatch(c -> c.getMetadata().getName().equals(pvc.getSpec().getStorageClassName())
                && Boolean.TRUE.equals(c.getAllowVolumeExpansion()));
        if (!expandable) {
            return;
        }
        volumes.stream().filter(v -> v.getMetadata().getName().equals(pvc.getSpec().getVolumeName())).findFirst().ifPresent(pv -> {
            pv.getSpec().setCapacity(Map.of("storage", requested));
            pv.getMetadata().setResourceVersion(null);
            client.persistentVolumes().resource(pv).update();
        });
        pvc.getStatus().setCapacity(Map.of("storage", requested));
        pvc.getMetadata().setResourceVersion(null);
        client.persistentVolumeClaims().inNamespace(pvc.getMetadata().getNamespace()).resource(pvc).updateStatus();
        events.normal(pvc, "external-resizer", "VolumeResizeSuccessful", "resize volume \"" + pvc.getSpec().getVolumeName()
                + "\" by resizer \"simulated\" finished successfully (" + current + " -> " + requested + ")");
    }
}
