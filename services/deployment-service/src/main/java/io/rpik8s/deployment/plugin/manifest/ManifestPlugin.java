package io.rpik8s.deployment.plugin.manifest;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.rpik8s.model.plugin.AppLabels;
import io.rpik8s.model.plugin.AppNotFoundException;
import io.rpik8s.model.plugin.AppRef;
import io.rpik8s.model.plugin.AppStateException;
import io.rpik8s.model.plugin.BlockingCalls;
import io.rpik8s.model.plugin.DeploymentConfig;
import io.rpik8s.model.plugin.DeploymentPlugin;
import io.rpik8s.model.plugin.DeploymentResult;
import io.rpik8s.model.plugin.FieldProblem;
import io.rpik8s.model.plugin.PluginOperation;
import io.rpik8s.model.plugin.RolloutState;
import io.rpik8s.model.plugin.kube.Conflicts;
import io.rpik8s.model.plugin.kube.PlatformWrites;
import io.rpik8s.model.plugin.kube.Rollouts;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The built-in {@code manifest} plugin: a set of Kubernetes YAML documents ({@code config.manifests}) applied as one
 * unit, labelled as one app, tracked by an inventory ConfigMap and deleted as one. It uses only the plugin SPI
 * ({@code io.rpik8s.model.plugin}) and the Kubernetes client, as an external plugin would.
 */
@ApplicationScoped
public class ManifestPlugin implements DeploymentPlugin {

    public static final String NAME = "manifest";
    private static final String FIELD = "config.manifests";
    private static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass");

    private final KubernetesClient client;
    private final ParsedInventories inventories;

    public ManifestPlugin(KubernetesClient client) {
        this.client = client;
        this.inventories = new ParsedInventories(this::load, ParsedInventories.CAPACITY);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Kubernetes YAML documents applied, tracked and deleted as one app";
    }

    @Override
    public List<FieldProblem> validate(DeploymentConfig config) {
        List<FieldProblem> problems = new ArrayList<>();
        List<HasMetadata> items;
        try {
            items = parse(config);
        } catch (RuntimeException e) {
            problems.add(new FieldProblem(FIELD, "is not valid Kubernetes YAML: " + e.getMessage()));
            return problems;
        }
        if (items.isEmpty()) {
            problems.add(new FieldProblem(FIELD, "must hold at least one Kubernetes object"));
        }
        for (int i = 0; i < items.size(); i++) {
            HasMetadata item = items.get(i);
            String at = FIELD + "[" + i + "]";
            if (item.getKind() == null || item.getApiVersion() == null) {
                problems.add(new FieldProblem(at + ".kind", "apiVersion and kind are required"));
            } else if (CLUSTER_SCOPED.contains(item.getKind())) {
                problems.add(new FieldProblem(at + ".kind", item.getKind() + " is cluster-scoped; apps are namespaced"));
            }
            if (item.getMetadata() == null || item.getMetadata().getName() == null) {
                problems.add(new FieldProblem(at + ".metadata.name", "is required"));
            } else if (item.getMetadata().getNamespace() != null
                    && !item.getMetadata().getNamespace().equals(config.namespace())) {
                problems.add(new FieldProblem(at + ".metadata.namespace", "must be empty or " + config.namespace()));
            }
        }
        return problems;
    }

    @Override
    public Uni<DeploymentResult> deploy(DeploymentConfig config) {
        return BlockingCalls.call(() -> {
            List<HasMetadata> items = parse(config);
            Map<String, String> labels = new HashMap<>(config.labels());
            labels.putAll(AppLabels.of(config.name(), NAME));
            List<HasMetadata> applied = new ArrayList<>();
            try {
                for (HasMetadata item : items) {
                    item.getMetadata().setNamespace(config.namespace());
                    Map<String, String> merged = new HashMap<>(Objects.requireNonNullElse(
                            item.getMetadata().getLabels(), Map.of()));
                    merged.putAll(labels);
                    item.getMetadata().setLabels(merged);
                    applied.add(client.resource(PlatformWrites.stamp(item)).inNamespace(config.namespace())
                            .createOr(NonDeletingOperation::update));
                }
            } catch (RuntimeException e) {
                // one unit: what this attempt created is removed again before the failure is reported
                applied.forEach(a -> PlatformWrites.delete(client, a, config.namespace()));
                throw e;
            }
            ConfigMap previous = inventory(config.ref());
            if (previous != null) {
                Set<String> keep = items.stream().map(ManifestPlugin::key).collect(Collectors.toSet());
                load(previous).stream().filter(old -> !keep.contains(key(old)))
                        .forEach(old -> PlatformWrites.delete(client, old, config.namespace()));
            }
            String yaml = items.stream().map(i -> client.getKubernetesSerialization().asYaml(i))
                    .collect(Collectors.joining("\n---\n"));
            client.configMaps().inNamespace(config.namespace()).resource(new ConfigMapBuilder().withNewMetadata()
                    .withName(inventoryName(config.name())).withNamespace(config.namespace()).withLabels(labels)
                    .endMetadata().addToData("manifests.yaml", yaml).build())
                    .createOr(NonDeletingOperation::update);
            return resultOf(config.ref(), items);
        });
    }

    @Override
    public Uni<DeploymentResult> status(AppRef app) {
        return BlockingCalls.call(() -> {
            ConfigMap inventory = inventory(app);
            if (inventory == null) {
                throw new AppNotFoundException(app);
            }
            return resultOf(app, inventories.of(inventory));
        });
    }

    /** From the cached inventory and workloads; empty while one of the inventory's workloads is not cached yet. */
    @Override
    public Optional<DeploymentResult> statusOf(AppRef app, List<HasMetadata> objects) {
        Optional<ConfigMap> inventory = objects.stream().filter(o -> o instanceof ConfigMap
                && inventoryName(app.name()).equals(o.getMetadata().getName()) && o.getMetadata().getLabels() != null
                && NAME.equals(o.getMetadata().getLabels().get(AppLabels.PLUGIN))).map(ConfigMap.class::cast)
                .findFirst();
        if (inventory.isEmpty()) {
            return Optional.empty();
        }
        List<HasMetadata> items = inventories.of(inventory.get());
        Map<String, HasMetadata> cached = objects.stream().collect(Collectors.toMap(o -> o.getKind() + "/"
                + o.getMetadata().getName(), o -> o, (a, b) -> a));
        boolean allCached = items.stream().filter(i -> "Deployment".equals(i.getKind())
                || "StatefulSet".equals(i.getKind()))
                .allMatch(i -> cached.containsKey(i.getKind() + "/" + i.getMetadata().getName()));
        return allCached ? Optional.of(resultOf(app, items, name -> (Deployment) cached.get("Deployment/" + name),
                name -> (StatefulSet) cached.get("StatefulSet/" + name))) : Optional.empty();
    }

    @Override
    public Uni<Void> delete(AppRef app) {
        return BlockingCalls.run(() -> {
            ConfigMap inventory = inventory(app);
            if (inventory == null) {
                return;
            }
            load(inventory).forEach(item -> PlatformWrites.delete(client, item, app.namespace()));
            client.configMaps().inNamespace(app.namespace()).withName(inventoryName(app.name())).delete();
        });
    }

    /**
     * Scale and restart act on the unit's Deployments and StatefulSets; update and rollback do not exist for a set of
     * documents (deploy them again instead), and there is no revision history to show.
     */
    @Override
    public Set<PluginOperation> supportedOperations() {
        return EnumSet.of(PluginOperation.SCALE, PluginOperation.RESTART);
    }

    /** Sets the replicas of every Deployment and StatefulSet of the unit. */
    @Override
    public Uni<DeploymentResult> scale(AppRef app, int replicas) {
        return onWorkloads(app, "scale", d -> d.getSpec().setReplicas(replicas),
                s -> s.getSpec().setReplicas(replicas));
    }

    /** {@code kubectl rollout restart} of every Deployment and StatefulSet of the unit. */
    @Override
    public Uni<DeploymentResult> restart(AppRef app) {
        String now = Instant.now().toString();
        return onWorkloads(app, "restart", d -> restarted(d.getSpec().getTemplate(), now),
                s -> restarted(s.getSpec().getTemplate(), now));
    }

    private Uni<DeploymentResult> onWorkloads(AppRef app, String action, Consumer<Deployment> onDeployment,
            Consumer<StatefulSet> onStatefulSet) {
        return BlockingCalls.call(() -> {
            ConfigMap inventory = inventory(app);
            if (inventory == null) {
                throw new AppNotFoundException(app);
            }
            List<HasMetadata> items = inventories.of(inventory);
            List<HasMetadata> workloads = items.stream().filter(i -> WORKLOADS.contains(i.getKind())).toList();
            if (workloads.isEmpty()) {
                throw new AppStateException("App " + app + " (manifest plugin) has no Deployment or StatefulSet to "
                        + action);
            }
            for (HasMetadata w : workloads) {
                String name = w.getMetadata().getName();
                if ("Deployment".equals(w.getKind())) {
                    Conflicts.retry(() -> client.apps().deployments().inNamespace(app.namespace()).withName(name)
                            .edit(d -> {
                                onDeployment.accept(d);
                                return PlatformWrites.stamp(d);
                            }));
                } else {
                    Conflicts.retry(() -> client.apps().statefulSets().inNamespace(app.namespace()).withName(name)
                            .edit(s -> {
                                onStatefulSet.accept(s);
                                return PlatformWrites.stamp(s);
                            }));
                }
            }
            return resultOf(app, items);
        });
    }

    private static void restarted(PodTemplateSpec template, String at) {
        if (template.getMetadata() == null) {
            template.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
        }
        Map<String, String> annotations = new HashMap<>(Objects.requireNonNullElse(
                template.getMetadata().getAnnotations(), Map.of()));
        annotations.put(RESTARTED_AT, at);
        template.getMetadata().setAnnotations(annotations);
    }

    /** The name of the inventory ConfigMap that records the unit of {@code app}: how listing finds manifest apps. */
    public static String inventoryName(String app) {
        return app + "-platform-manifests";
    }

    private DeploymentResult resultOf(AppRef app, List<HasMetadata> items) {
        return resultOf(app, items, name -> client.apps().deployments().inNamespace(app.namespace()).withName(name)
                .get(), name -> client.apps().statefulSets().inNamespace(app.namespace()).withName(name).get());
    }

    /** The unit's status from its first Deployment, else its first StatefulSet, each found by {@code name}. */
    private static DeploymentResult resultOf(AppRef app, List<HasMetadata> items, Function<String, Deployment> deployment,
            Function<String, StatefulSet> statefulSet) {
        List<String> objects = items.stream().map(i -> i.getKind() + "/" + i.getMetadata().getName()).toList();
        Deployment main = items.stream().filter(i -> "Deployment".equals(i.getKind())).findFirst()
                .map(i -> deployment.apply(i.getMetadata().getName())).orElse(null);
        if (main == null) {
            StatefulSet set = items.stream().filter(i -> "StatefulSet".equals(i.getKind())).findFirst()
                    .map(i -> statefulSet.apply(i.getMetadata().getName())).orElse(null);
            if (set != null) {
                int desired = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
                int ready = set.getStatus() == null || set.getStatus().getReadyReplicas() == null ? 0
                        : set.getStatus().getReadyReplicas();
                return new DeploymentResult(app, ready == desired ? RolloutState.COMPLETE : RolloutState.PROGRESSING,
                        set.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(), desired, ready,
                        "applied", objects, Map.of());
            }
            return new DeploymentResult(app, RolloutState.COMPLETE, null, 0, 0, "applied", objects, Map.of());
        }
        return new DeploymentResult(app, Rollouts.stateOf(main, List.of()),
                main.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(), Rollouts.desired(main),
                Rollouts.ready(main), "applied", objects, Map.of());
    }

    private List<HasMetadata> parse(DeploymentConfig config) {
        Object manifests = config.settings().get("manifests");
        String yaml;
        if (manifests instanceof String s) {
            yaml = s;
        } else if (manifests instanceof List<?> list) {
            yaml = list.stream().map(o -> o instanceof String s ? s : client.getKubernetesSerialization().asYaml(o))
                    .collect(Collectors.joining("\n---\n"));
        } else {
            throw new IllegalArgumentException("give a YAML string or a list of objects");
        }
        return client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
    }

    /**
     * The inventory's objects parsed anew, the caller's own: those handed to {@code client.resource} (deleted), which
     * may set an object's apiVersion. Reads take the shared ones of {@link #inventories} instead.
     */
    private List<HasMetadata> load(ConfigMap inventory) {
        String yaml = inventory.getData() == null ? "" : inventory.getData().getOrDefault("manifests.yaml", "");
        return client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
    }

    private ConfigMap inventory(AppRef app) {
        ConfigMap cm = client.configMaps().inNamespace(app.namespace()).withName(inventoryName(app.name())).get();
        return cm != null && cm.getMetadata().getLabels() != null
                && NAME.equals(cm.getMetadata().getLabels().get(AppLabels.PLUGIN)) ? cm : null;
    }

    private static String key(HasMetadata item) {
        return item.getApiVersion() + "/" + item.getKind() + "/" + item.getMetadata().getName();
    }
}
