package io.rpik8s.model.plugin;

import java.util.Map;

/** Labels and annotations the platform puts on every object it creates, so they can be found and grouped again. */
public final class AppLabels {

    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String PART_OF = "app.kubernetes.io/part-of";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String PART_OF_VALUE = "rpi-k8s-platform";
    public static final String MANAGED_BY_VALUE = "rpi-k8s-platform";
    /** The platform app an object belongs to. */
    public static final String APP = "rpi-k8s.io/app";
    /** The plugin that created an object. */
    public static final String PLUGIN = "rpi-k8s.io/plugin";
    /** The PlatformApp an object was made from. */
    public static final String FROM_PLATFORMAPP = "rpi-k8s.io/platformapp";

    private AppLabels() {
    }

    /** The plugin an object's labels name, or null for an object the platform did not make. */
    public static String pluginOf(Map<String, String> labels) {
        return labels == null ? null : labels.get(PLUGIN);
    }

    /** The app an object's labels name, or null when it carries no app label. */
    public static String appOf(Map<String, String> labels) {
        return labels == null ? null : labels.get(APP);
    }

    /** Whether the platform made the object (the managed-by label). */
    public static boolean isManaged(Map<String, String> labels) {
        return labels != null && MANAGED_BY_VALUE.equals(labels.get(MANAGED_BY));
    }

    /** The labels every object of {@code app} deployed by {@code plugin} carries. */
    public static Map<String, String> of(String app, String plugin) {
        return Map.of(
                NAME, app,
                INSTANCE, app,
                PART_OF, PART_OF_VALUE,
                MANAGED_BY, MANAGED_BY_VALUE,
                APP, app,
                PLUGIN, plugin);
    }
}
