package io.rpik8s.panel.layout;

import io.quarkus.qute.TemplateExtension;
import java.util.Map;

/**
 * What a page says after a change redirected to it ({@code ?done=scaled}): fixed texts by key, so a link cannot
 * make the panel say anything else.
 */
@TemplateExtension(namespace = "notice")
public final class Notices {

    private static final Map<String, String> TEXTS = Map.ofEntries(
            Map.entry("deployed", "App deployed. The rollout is shown live below."),
            Map.entry("scaled", "Scale requested."),
            Map.entry("restarted", "Restart requested: every pod is being replaced."),
            Map.entry("rolled-back", "Rolled back."),
            Map.entry("updated", "Image updated: a new rollout started."),
            Map.entry("deleted", "App deleted."),
            Map.entry("bucket-created", "Bucket created."),
            Map.entry("bucket-deleted", "Bucket deleted."),
            Map.entry("policy-set", "Bucket policy set."),
            Map.entry("object-deleted", "Object deleted."),
            Map.entry("volume-created", "Volume created."),
            Map.entry("volume-expanded", "Volume expansion requested."),
            Map.entry("volume-deleted", "Volume deleted."),
            Map.entry("database-created", "Database created."),
            Map.entry("password-rotated", "Password rotated: the Secret holds the new one."),
            Map.entry("database-dropped", "Database dropped."),
            Map.entry("endpoint-updated", "Endpoint saved."),
            Map.entry("endpoint-enabled", "Endpoint enabled."),
            Map.entry("endpoint-disabled", "Endpoint disabled."),
            Map.entry("endpoint-deleted", "Endpoint deleted."),
            Map.entry("test-sent", "Test message queued: it appears in the delivery log."),
            Map.entry("replayed", "Replay queued."));

    private Notices() {
    }

    /** The text for {@code key}, or null for none or an unknown key. */
    static String text(String key) {
        return key == null ? null : TEXTS.get(key);
    }
}
