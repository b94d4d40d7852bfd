package io.rpik8s.storage.volume;

import static io.rpik8s.storage.config.Workers.blocking;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.rpik8s.commons.kube.ManagedNamespaces;
import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.model.events.PlatformEvent;
import io.rpik8s.model.events.VolumePayload;
import io.rpik8s.storage.audit.ChangeRecorder;
import io.rpik8s.storage.volume.VolumeDtos.CreateVolume;
import io.rpik8s.storage.volume.VolumeDtos.StorageClassView;
import io.rpik8s.storage.volume.VolumeDtos.VolumeView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * PersistentVolumeClaims in the managed namespaces. Fabric8 calls block, so they run on the worker pool
 * ({@link io.rpik8s.storage.config.Workers}); the Kubernetes change comes first and is recorded with its event after.
 */
@ApplicationScoped
public class VolumeService {

    private static final String DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class";

    private final KubernetesClient kube;
    private final ManagedNamespaces namespaces;
    private final VolumeUsage usage;
    private final ChangeRecorder changes;

    public VolumeService(KubernetesClient kube, ManagedNamespaces namespaces, VolumeUsage usage,
            ChangeRecorder changes) {
        this.kube = kube;
        this.namespaces = namespaces;
        this.usage = usage;
        this.changes = changes;
    }

    @WithSpan("VolumeService.list")
    public Uni<List<VolumeView>> list(String namespace) {
        List<String> shown = namespace == null ? namespaces.names()
                : List.of(namespaces.require("namespace", namespace));
        return usage.all().chain(u -> blocking(() -> {
            List<VolumeView> views = new ArrayList<>();
            for (String ns : shown) {
                List<Pod> pods = kube.pods().inNamespace(ns).list().getItems();
                for (PersistentVolumeClaim pvc : kube.persistentVolumeClaims().inNamespace(ns).list().getItems()) {
                    views.add(view(pvc, pods, u));
                }
            }
            // A stable order, so that pages do not overlap.
            views.sort(Comparator.comparing(VolumeView::namespace).thenComparing(VolumeView::name));
            return views;
        }));
    }

    @WithSpan("VolumeService.get")
    public Uni<VolumeView> get(String namespace, String name) {
        namespaces.require("namespace", namespace);
        return usage.all().chain(u -> blocking(() -> view(claim(namespace, name),
                kube.pods().inNamespace(namespace).list().getItems(), u)));
    }

    @WithSpan("VolumeService.create")
    public Uni<VolumeView> create(CreateVolume request, String actor) {
        namespaces.require("namespace", request.namespace());
        return blocking(() -> {
            if (request.storageClass() != null && kube.storage().v1().storageClasses()
                    .withName(request.storageClass()).get() == null) {
                throw ApiProblem.invalid("storageClass", "no storage class named " + request.storageClass());
            }
            if (kube.persistentVolumeClaims().inNamespace(request.namespace()).withName(request.name())
                    .get() != null) {
                throw ApiProblem.conflict("volume " + request.namespace() + "/" + request.name() + " exists");
            }
            PersistentVolumeClaim pvc = new PersistentVolumeClaimBuilder()
                    .withNewMetadata().withName(request.name()).withNamespace(request.namespace())
                    .addToLabels("app.kubernetes.io/part-of", "rpi-k8s-platform")
                    .addToLabels("app.kubernetes.io/managed-by", "storage-service").endMetadata()
                    .withNewSpec()
                    .withAccessModes(request.accessMode() == null ? "ReadWriteOnce" : request.accessMode())
                    .withStorageClassName(request.storageClass())
                    .withNewResources().addToRequests("storage", new Quantity(request.capacity())).endResources()
                    .endSpec().build();
            return kube.persistentVolumeClaims().inNamespace(request.namespace()).resource(pvc).create();
        }).chain(pvc -> changes.record(PlatformEvent.volume(EventTypes.VOLUME_CREATED, VolumePayload.of(
                        request.name(), request.namespace(), pvc.getSpec().getStorageClassName(), request.capacity()),
                actor))).chain(() -> get(request.namespace(), request.name()));
    }

    /** Grows the claim when its storage class allows expansion; shrinking is refused (Kubernetes cannot). */
    @WithSpan("VolumeService.expand")
    public Uni<VolumeView> expand(String namespace, String name, String capacity, String actor) {
        namespaces.require("namespace", namespace);
        return blocking(() -> {
            PersistentVolumeClaim pvc = claim(namespace, name);
            String className = pvc.getSpec().getStorageClassName();
            StorageClass sc = className == null ? null : kube.storage().v1().storageClasses().withName(className).get();
            if (sc == null || !Boolean.TRUE.equals(sc.getAllowVolumeExpansion())) {
                throw ApiProblem.unprocessable("storage class " + className + " of volume " + namespace + "/" + name
                        + " does not allow volume expansion");
            }
            Quantity previous = pvc.getSpec().getResources().getRequests().get("storage");
            if (Quantity.getAmountInBytes(new Quantity(capacity))
                    .compareTo(Quantity.getAmountInBytes(previous)) <= 0) {
                throw ApiProblem.invalid("capacity", "must be larger than the current " + previous);
            }
            kube.persistentVolumeClaims().inNamespace(namespace).withName(name).edit(p -> {
                p.getSpec().getResources().getRequests().put("storage", new Quantity(capacity));
                return p;
            });
            return new VolumePayload(name, namespace, className, capacity, previous.toString(), null, null, null);
        }).chain(payload -> changes.record(PlatformEvent.volume(EventTypes.VOLUME_EXPANDED, payload, actor)))
                .chain(() -> get(namespace, name));
    }

    /** Deletes the claim; one mounted by a pod only when {@code force}. */
    @WithSpan("VolumeService.delete")
    public Uni<Void> delete(String namespace, String name, boolean force, String actor) {
        namespaces.require("namespace", namespace);
        return blocking(() -> {
            PersistentVolumeClaim pvc = claim(namespace, name);
            List<String> users = podsUsing(name, kube.pods().inNamespace(namespace).list().getItems());
            if (!users.isEmpty() && !force) {
                throw ApiProblem.conflict("volume " + namespace + "/" + name + " is used by pods " + users
                        + "; pass force=true to delete it anyway");
            }
            kube.persistentVolumeClaims().inNamespace(namespace).withName(name).delete();
            return VolumePayload.of(name, namespace, pvc.getSpec().getStorageClassName(), requested(pvc));
        }).chain(payload -> changes.record(PlatformEvent.volume(EventTypes.VOLUME_DELETED, payload, actor)));
    }

    @WithSpan("VolumeService.classes")
    public Uni<List<StorageClassView>> classes() {
        return blocking(() -> kube.storage().v1().storageClasses().list().getItems().stream()
                .map(sc -> new StorageClassView(sc.getMetadata().getName(), sc.getProvisioner(),
                        Boolean.TRUE.equals(sc.getAllowVolumeExpansion()), sc.getReclaimPolicy(),
                        sc.getVolumeBindingMode(), "true".equals(Optional.ofNullable(
                                sc.getMetadata().getAnnotations()).map(a -> a.get(DEFAULT_CLASS_ANNOTATION))
                                .orElse(null))))
                .toList());
    }

    private PersistentVolumeClaim claim(String namespace, String name) {
        PersistentVolumeClaim pvc = kube.persistentVolumeClaims().inNamespace(namespace).withName(name).get();
        if (pvc == null) {
            throw ApiProblem.notFound("volume " + namespace + "/" + name + " does not exist");
        }
        return pvc;
    }

    private static VolumeView view(PersistentVolumeClaim pvc, List<Pod> pods, Map<String, VolumeUsage.Usage> usage) {
        String ns = pvc.getMetadata().getNamespace();
        String name = pvc.getMetadata().getName();
        VolumeUsage.Usage u = usage.get(ns + "/" + name);
        String bound = pvc.getStatus() == null || pvc.getStatus().getCapacity() == null
                || pvc.getStatus().getCapacity().get("storage") == null ? null
                : pvc.getStatus().getCapacity().get("storage").toString();
        return new VolumeView(name, ns, pvc.getSpec().getStorageClassName(), bound == null ? requested(pvc) : bound,
                requested(pvc), pvc.getStatus() == null ? null : pvc.getStatus().getPhase(),
                pvc.getSpec().getAccessModes(), podsUsing(name, pods), u == null ? null : u.usedBytes(),
                u == null ? null : u.capacityBytes(), u == null ? null : u.percent());
    }

    private static String requested(PersistentVolumeClaim pvc) {
        Quantity q = pvc.getSpec().getResources() == null || pvc.getSpec().getResources().getRequests() == null
                ? null : pvc.getSpec().getResources().getRequests().get("storage");
        return q == null ? null : q.toString();
    }

    /** Pods whose spec mounts the claim (from pod specs: no API gives this directly). */
    static List<String> podsUsing(String claim, List<Pod> pods) {
        return pods.stream()
                .filter(p -> p.getSpec() != null && p.getSpec().getVolumes() != null && p.getSpec().getVolumes()
                        .stream().map(Volume::getPersistentVolumeClaim).filter(Objects::nonNull)
                        .anyMatch(c -> claim.equals(c.getClaimName())))
                .map(p -> p.getMetadata().getName())
                .sorted()
                .toList();
    }
}
