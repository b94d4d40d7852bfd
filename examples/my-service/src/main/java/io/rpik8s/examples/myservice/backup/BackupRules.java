package io.rpik8s.examples.myservice.backup;

import io.rpik8s.commons.problem.KubeNames;
import io.rpik8s.model.api.ProblemDetail.FieldError;
import java.util.ArrayList;
import java.util.List;

/** The rules a Backup's fields follow, the same for the REST API and the custom resource. */
final class BackupRules {

    /** Five cron fields, or one of the @ shorthands the CronJob controller accepts. */
    static final String CRON = "^(@(hourly|daily|weekly|monthly|yearly)|(\\S+\\s+){4}\\S+)$";
    private static final String BUCKET = "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$";

    private BackupRules() {
    }

    static List<FieldError> check(BackupDtos.CreateBackup request) {
        List<FieldError> problems = new ArrayList<>();
        if (request.name() == null || !request.name().matches(KubeNames.LABEL) || request.name().length() > 52) {
            problems.add(new FieldError("name", "must be a DNS-1123 label of at most 52 characters"));
        }
        if (request.volume() == null || !request.volume().matches(KubeNames.SUBDOMAIN)) {
            problems.add(new FieldError("volume", "must name a PersistentVolumeClaim"));
        }
        if (request.bucket() == null || !request.bucket().matches(BUCKET)) {
            problems.add(new FieldError("bucket", "must be an S3 bucket name (3-63 lower-case letters, digits, '.', '-')"));
        }
        if (request.schedule() == null || !request.schedule().trim().matches(CRON)) {
            problems.add(new FieldError("schedule", "must be a cron expression such as '0 3 * * *'"));
        }
        return problems;
    }
}
