package io.rpik8s.model.plugin;

import java.util.Locale;

/** The changes to an existing app a plugin may support beyond deploy, status and delete. */
public enum PluginOperation {
    /** {@code PUT /deployments/{ns}/{name}}: image, env, resources. */
    UPDATE,
    /** {@code POST .../scale}. */
    SCALE,
    /** {@code POST .../restart}. */
    RESTART,
    /** {@code GET .../revisions}. */
    REVISIONS,
    /** {@code POST .../rollback}. */
    ROLLBACK;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
