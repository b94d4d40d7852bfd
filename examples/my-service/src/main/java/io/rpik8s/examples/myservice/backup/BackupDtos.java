package io.rpik8s.examples.myservice.backup;

import io.fabric8.kubernetes.api.model.Condition;

/** The REST API's request and answer bodies. */
public final class BackupDtos {

    private BackupDtos() {
    }

    /** {@code POST /api/v1/backups/{namespace}}. */
    public record CreateBackup(String name, String volume, String bucket, String schedule) {
    }

    /** A Backup as the API shows it: its spec and whether its CronJob is in place. */
    public record BackupView(String name, String namespace, String volume, String bucket, String schedule,
            boolean ready, String message) {

        static BackupView of(Backup backup) {
            Condition ready = backup.getStatus() == null ? null : backup.getStatus().getConditions().stream()
                    .filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
            return new BackupView(backup.getMetadata().getName(), backup.getMetadata().getNamespace(),
                    backup.getSpec().getVolume(), backup.getSpec().getBucket(), backup.getSpec().getSchedule(),
                    ready != null && "True".equals(ready.getStatus()),
                    ready == null ? "waiting for the controller" : ready.getMessage());
        }
    }
}
