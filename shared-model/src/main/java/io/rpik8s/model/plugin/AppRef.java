package io.rpik8s.model.plugin;

/** Identifies an app managed by the platform. */
public record AppRef(String namespace, String name) {

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
