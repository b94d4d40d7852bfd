package io.rpik8s.examples.myservice.backup;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** What to back up, where to, and when. */
public class BackupSpec {

    @Required
    @JsonPropertyDescription("The PersistentVolumeClaim to copy, in the Backup's namespace.")
    private String volume;

    @Required
    @JsonPropertyDescription("The MinIO bucket the copies go to.")
    private String bucket;

    @Required
    @Pattern(BackupRules.CRON)
    @JsonPropertyDescription("When to copy, as a cron expression ('0 3 * * *') or @daily, @hourly...")
    private String schedule;

    public BackupSpec() {
    }

    public BackupSpec(String volume, String bucket, String schedule) {
        this.volume = volume;
        this.bucket = bucket;
        this.schedule = schedule;
    }

    public String getVolume() {
        return volume;
    }

    public void setVolume(String volume) {
        this.volume = volume;
    }

    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }
}
