package io.rpik8s.examples.cronjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.rpik8s.model.plugin.AppLabels;
import io.rpik8s.model.plugin.AppNotFoundException;
import io.rpik8s.model.plugin.AppRef;
import io.rpik8s.model.plugin.AppUpdate;
import io.rpik8s.model.plugin.DeploymentConfig;
import io.rpik8s.model.plugin.FieldProblem;
import io.rpik8s.model.plugin.PluginOperation;
import io.rpik8s.model.plugin.PluginOperationUnsupported;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plugin against the Fabric8 mock API server. Its calls are awaited without a time limit of their own: the first
 * one starts the client and the worker pool, which on a loaded machine takes what it takes; a call that never ends
 * fails the build through surefire's timeout instead of a guess here.
 */
@EnableKubernetesMockClient(crud = true)
class CronJobPluginTest {

    KubernetesClient client;

    private DeploymentConfig config(String schedule, String image) {
        return new DeploymentConfig("nightly-train", "ml", image, null, AppLabels.of("nightly-train", "cronjob"),
                null, Map.of("schedule", schedule));
    }

    @Test
    void deploysAScheduledJobAndDeletesIt() {
        CronJobPlugin plugin = new CronJobPlugin(client);
        var result = plugin.deploy(config("0 3 * * *", "registry.local:5000/ml/train:1.4")).await()
                .indefinitely();

        var job = client.batch().v1().cronjobs().inNamespace("ml").withName("nightly-train").get();
        assertThat(job.getSpec().getSchedule()).isEqualTo("0 3 * * *");
        assertThat(job.getMetadata().getLabels()).containsEntry(AppLabels.PLUGIN, "cronjob");
        assertThat(result.image()).isEqualTo("registry.local:5000/ml/train:1.4");
        assertThat(result.objects()).containsExactly("CronJob/nightly-train");

        plugin.deploy(config("0 4 * * *", "registry.local:5000/ml/train:1.5")).await().indefinitely();
        var status = plugin.status(new AppRef("ml", "nightly-train")).await().indefinitely();
        assertThat(status.details()).containsEntry("schedule", "0 4 * * *");
        assertThat(status.image()).isEqualTo("registry.local:5000/ml/train:1.5");

        var updated = plugin.update(new AppRef("ml", "nightly-train"), new AppUpdate("registry.local:5000/ml/train:1.6",
                null)).await().indefinitely();
        assertThat(updated.image()).isEqualTo("registry.local:5000/ml/train:1.6");
        assertThat(updated.details()).containsEntry("schedule", "0 4 * * *");

        plugin.delete(new AppRef("ml", "nightly-train")).await().indefinitely();
        assertThat(client.batch().v1().cronjobs().inNamespace("ml").withName("nightly-train").get()).isNull();
        assertThatThrownBy(() -> plugin.status(new AppRef("ml", "nightly-train")).await()
                .indefinitely()).isInstanceOf(AppNotFoundException.class);
    }

    @Test
    void tellsTheListingItsStatusFromTheCachedCronJob() {
        CronJobPlugin plugin = new CronJobPlugin(client);
        plugin.deploy(config("0 3 * * *", "registry.local:5000/ml/train:1.4")).await().indefinitely();
        var cached = client.batch().v1().cronjobs().inNamespace("ml").withName("nightly-train").get();

        var status = plugin.statusOf(new AppRef("ml", "nightly-train"), List.of(cached));
        assertThat(status).hasValueSatisfying(s -> assertThat(s.details()).containsEntry("schedule", "0 3 * * *"));
        assertThat(plugin.statusOf(new AppRef("ml", "other"), List.of(cached))).isEmpty();
    }

    @Test
    void declaresUpdateOnlyAndRefusesTheOtherChanges() {
        CronJobPlugin plugin = new CronJobPlugin(client);
        assertThat(plugin.supportedOperations()).containsExactly(PluginOperation.UPDATE);
        assertThatThrownBy(() -> plugin.scale(new AppRef("ml", "nightly-train"), 3).await()
                .indefinitely()).isInstanceOf(PluginOperationUnsupported.class)
                .hasMessage("The cronjob plugin does not support scale");
    }

    @Test
    void rejectsAMissingScheduleNamingTheField() {
        CronJobPlugin plugin = new CronJobPlugin(client);
        assertThat(plugin.validate(config("every night", "busybox:1.36")))
                .containsExactly(new FieldProblem("config.schedule", "must be a cron expression such as '*/5 * * * *'"));
        assertThat(plugin.validate(config("@daily", "busybox:1.36"))).isEmpty();
    }
}
