package io.rpik8s.commons.kube;

import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.commons.problem.KubeNames;
import java.util.Collection;
import java.util.List;

/**
 * The namespaces a service works in (its configuration), and the one answer every service gives for any other: a 400
 * naming the field, with the namespaces it does manage. Each service makes one from its own configuration.
 */
public final class ManagedNamespaces {

    private final List<String> names;

    private ManagedNamespaces(List<String> names) {
        this.names = names;
    }

    public static ManagedNamespaces of(Collection<String> names) {
        return new ManagedNamespaces(List.copyOf(names));
    }

    public boolean contains(String namespace) {
        return names.contains(namespace);
    }

    /** The managed namespaces, in their configured order. */
    public List<String> names() {
        return names;
    }

    /** Why another namespace is refused, as the reason of a field problem. */
    public String notManagedReason() {
        return "is not managed by the platform (managed: " + String.join(", ", names) + ")";
    }

    /** {@code namespace} itself, or a 400 naming {@code field}: a malformed name, or one not managed here. */
    public String require(String field, String namespace) {
        KubeNames.label(field, namespace);
        if (!contains(namespace)) {
            throw ApiProblem.invalid(field, notManagedReason());
        }
        return namespace;
    }
}
