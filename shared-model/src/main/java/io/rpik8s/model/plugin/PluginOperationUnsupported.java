package io.rpik8s.model.plugin;

/** The app's plugin does not offer this operation; the host answers 422 naming the plugin. */
public class PluginOperationUnsupported extends UnsupportedOperationException {

    private final String plugin;
    private final PluginOperation operation;

    public PluginOperationUnsupported(String plugin, PluginOperation operation) {
        super("The " + plugin + " plugin does not support " + operation.json());
        this.plugin = plugin;
        this.operation = operation;
    }

    public String plugin() {
        return plugin;
    }

    public PluginOperation operation() {
        return operation;
    }
}
