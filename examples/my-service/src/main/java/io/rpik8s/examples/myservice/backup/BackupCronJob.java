package io.rpik8s.examples.myservice.backup;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.rpik8s.examples.myservice.config.MyServiceConfig;
import java.util.Map;

/** The CronJob a Backup runs as: owned by the Backup, so deleting the Backup deletes it. */
final class BackupCronJob {

    static final String LABEL = "rpi-k8s.io/backup";

    private BackupCronJob() {
    }

    static CronJob desired(Backup backup, MyServiceConfig config) {
        var meta = backup.getMetadata();
        Map<String, String> labels = Map.of(LABEL, meta.getName(), "app.kubernetes.io/managed-by", "my-service");
        return new CronJobBuilder()
                .withNewMetadata().withName(meta.getName()).withNamespace(meta.getNamespace()).withLabels(labels)
                .addNewOwnerReference().withApiVersion(backup.getApiVersion()).withKind(backup.getKind())
                .withName(meta.getName()).withUid(meta.getUid()).withController(true).endOwnerReference()
                .endMetadata()
                .withNewSpec().withSchedule(backup.getSpec().getSchedule()).withConcurrencyPolicy("Forbid")
                .withNewJobTemplate().withNewSpec().withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().withRestartPolicy("OnFailure")
                .addNewContainer().withName("copy").withImage(config.copierImage())
                .withArgs("/data", "s3://" + backup.getSpec().getBucket() + "/" + meta.getName())
                .addNewEnvFrom().withNewSecretRef().withName(config.copierEnvFrom()).endSecretRef().endEnvFrom()
                .addNewVolumeMount().withName("data").withMountPath("/data").withReadOnly(true).endVolumeMount()
                .endContainer()
                .addNewVolume().withName("data").withNewPersistentVolumeClaim()
                .withClaimName(backup.getSpec().getVolume()).withReadOnly(true).endPersistentVolumeClaim().endVolume()
                .endSpec().endTemplate().endSpec().endJobTemplate()
                .endSpec().build();
    }
}
