package io.rpik8s.examples.cronjob;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rpik8s.model.plugin.AppNotFoundException;
import io.rpik8s.model.plugin.AppRef;
import io.rpik8s.model.plugin.AppUpdate;
import io.rpik8s.model.plugin.DeploymentConfig;
import io.rpik8s.model.plugin.DeploymentPlugin;
import io.rpik8s.model.plugin.DeploymentResult;
import io.rpik8s.model.plugin.FieldProblem;
import io.rpik8s.model.plugin.PluginOperation;
import io.rpik8s.model.plugin.RolloutState;
import io.rpik8s.model.plugin.kube.PlatformWrites;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Example third-party plugin {@code cronjob}: runs the app's image on a schedule ({@code config.schedule}). */
@ApplicationScoped
public class CronJobPlugin implements DeploymentPlugin {

    private static final String SCHEDULE = "schedule";
    private static final String CRON = "(@(hourly|daily|weekly|monthly|yearly))|(\\S+\\s+\\S+\\s+\\S+\\s+\\S+\\s+\\S+)";

    private final KubernetesClient client;

    public CronJobPlugin(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public String name() {
        return "cronjob";
    }

    @Override
    public String description() {
        return "Runs the image on a cron schedule (config.schedule)";
    }

    @Override
    public List<FieldProblem> validate(DeploymentConfig config) {
        List<FieldProblem> problems = new ArrayList<>();
        if (config.image() == null) {
            problems.add(new FieldProblem("image", "is required by the cronjob plugin"));
        }
        Object schedule = config.settings().get(SCHEDULE);
        if (!(schedule instanceof String s) || !s.trim().matches(CRON)) {
            problems.add(new FieldProblem("config.schedule", "must be a cron expression such as '*/5 * * * *'"));
        }
        return problems;
    }

    @Override
    public Uni<DeploymentResult> deploy(DeploymentConfig config) {
        return blocking(() -> {
            CronJob desired = new CronJobBuilder()
                    .withNewMetadata().withName(config.name()).withNamespace(config.namespace())
                    .withLabels(config.labels()).endMetadata()
                    .withNewSpec()
                    .withSchedule((String) config.settings().get(SCHEDULE))
                    .withConcurrencyPolicy("Forbid")
                    .withNewJobTemplate().withNewSpec().withNewTemplate()
                    .withNewMetadata().withLabels(config.labels()).endMetadata()
                    .withNewSpec().withRestartPolicy("OnFailure")
                    .addNewContainer().withName(config.name()).withImage(config.image()).endContainer()
                    .endSpec().endTemplate().endSpec().endJobTemplate()
                    .endSpec().build();
            var existing = client.batch().v1().cronjobs().inNamespace(config.namespace()).withName(config.name());
            // Every write is stamped as the platform's, so no replica announces it as a change made with kubectl.
            CronJob applied = existing.get() == null ? client.resource(PlatformWrites.stamp(desired)).create()
                    : existing.edit(current -> {
                        current.getMetadata().setLabels(desired.getMetadata().getLabels());
                        current.setSpec(desired.getSpec());
                        return PlatformWrites.stamp(current);
                    });
            return resultOf(applied);
        });
    }

    /** A new image is a change it can make; scaling, restarting and rolling back mean nothing for a schedule. */
    @Override
    public Set<PluginOperation> supportedOperations() {
        return Set.of(PluginOperation.UPDATE);
    }

    @Override
    public Uni<DeploymentResult> update(AppRef app, AppUpdate update) {
        return blocking(() -> {
            var job = client.batch().v1().cronjobs().inNamespace(app.namespace()).withName(app.name());
            if (job.get() == null) {
                throw new AppNotFoundException(app);
            }
            return resultOf(job.edit(current -> {
                if (update.image() != null) {
                    current.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0)
                            .setImage(update.image());
                }
                return PlatformWrites.stamp(current);
            }));
        });
    }

    @Override
    public Uni<DeploymentResult> status(AppRef app) {
        return blocking(() -> {
            CronJob job = client.batch().v1().cronjobs().inNamespace(app.namespace()).withName(app.name()).get();
            if (job == null) {
                throw new AppNotFoundException(app);
            }
            return resultOf(job);
        });
    }

    /** The listing's status, from the CronJob as the platform's cache holds it: no call to the API server. */
    @Override
    public Optional<DeploymentResult> statusOf(AppRef app, List<HasMetadata> objects) {
        return objects.stream().filter(o -> o instanceof CronJob && app.name().equals(o.getMetadata().getName()))
                .findFirst().map(job -> resultOf((CronJob) job));
    }

    @Override
    public Uni<Void> delete(AppRef app) {
        return blocking(() -> {
            CronJob job = client.batch().v1().cronjobs().inNamespace(app.namespace()).withName(app.name()).get();
            if (job != null) {
                PlatformWrites.delete(client, job, app.namespace());
            }
            return null;
        });
    }

    private static DeploymentResult resultOf(CronJob job) {
        return new DeploymentResult(new AppRef(job.getMetadata().getNamespace(), job.getMetadata().getName()),
                RolloutState.COMPLETE,
                job.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0).getImage(),
                0, 0, "scheduled " + job.getSpec().getSchedule(), List.of("CronJob/" + job.getMetadata().getName()),
                Map.of(SCHEDULE, job.getSpec().getSchedule()));
    }

    /** Fabric8 calls block: keep them off the caller's event loop. */
    private static <T> Uni<T> blocking(Supplier<T> call) {
        return Uni.createFrom().item(call).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
