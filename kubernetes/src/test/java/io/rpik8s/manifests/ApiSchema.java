package io.rpik8s.manifests;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An offline check of rendered manifests against the Kubernetes API types of the k3s line targeted (v1.31, see
 * docs/operations.md): every document must be a kind of a group/version that API server serves (or of a CRD
 * defined in the same manifests), every field must exist in the Fabric8 model of that kind at that place (an
 * unknown field lands in the model's additionalProperties, which is how it is found here) and every value must
 * have the field's type. {@code kubectl apply} validates fields strictly by default since Kubernetes 1.27
 * (fieldValidation=Strict), so each of these would fail a real install.
 */
final class ApiSchema {

    /**
     * Group/versions a Kubernetes 1.31 API server serves for the kinds we use, GA only; the beta versions removed
     * by 1.31 (extensions/v1beta1, batch/v1beta1, policy/v1beta1, autoscaling/v2beta2, ...) are absent on purpose.
     * Source: https://kubernetes.io/docs/reference/using-api/deprecation-guide/
     */
    static final Set<String> SERVED = Set.of("v1", "apps/v1", "batch/v1", "networking.k8s.io/v1",
            "rbac.authorization.k8s.io/v1", "policy/v1", "autoscaling/v1", "autoscaling/v2", "apiextensions.k8s.io/v1",
            "storage.k8s.io/v1", "scheduling.k8s.io/v1", "coordination.k8s.io/v1", "discovery.k8s.io/v1",
            "events.k8s.io/v1", "node.k8s.io/v1", "admissionregistration.k8s.io/v1", "certificates.k8s.io/v1");

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    private ApiSchema() {
    }

    /** One message per problem in a multi-document YAML stream, naming the object and the field. */
    static List<String> check(String yaml) {
        List<String> violations = new ArrayList<>();
        List<KubernetesResource> objects = new ArrayList<>();
        int index = 0;
        for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
            if (document.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
                continue;
            }
            index++;
            try {
                objects.add(Serialization.unmarshal(document, KubernetesResource.class));
            } catch (RuntimeException e) {
                // a value of the wrong type (a string where an integer goes, a map where a list goes...)
                violations.add("document " + index + ": " + rootCause(e));
            }
        }
        Set<String> customKinds = new java.util.HashSet<>();
        for (KubernetesResource object : objects) {
            if (object instanceof CustomResourceDefinition crd) {
                crd.getSpec().getVersions().forEach(v -> customKinds.add(crd.getSpec().getGroup() + "/" + v.getName()
                        + " " + crd.getSpec().getNames().getKind()));
            }
        }
        for (KubernetesResource resource : objects) {
            if (!(resource instanceof HasMetadata object)) {
                violations.add(resource.getClass().getSimpleName() + " is not a Kubernetes object");
                continue;
            }
            String id = Manifests.id(object);
            if (object instanceof GenericKubernetesResource) {
                if (!customKinds.contains(object.getApiVersion() + " " + object.getKind())) {
                    violations.add(id + ": " + object.getApiVersion() + " " + object.getKind()
                            + " is no Kubernetes API type and no CRD of these manifests defines it");
                }
                continue;
            }
            if (!SERVED.contains(object.getApiVersion())) {
                violations.add(id + ": apiVersion " + object.getApiVersion() + " is not served by Kubernetes 1.31");
            }
            unknownFields(object, id, violations, 0);
        }
        return violations;
    }

    /** Walks the typed model: every additionalProperties entry is a field the API type does not have. */
    private static void unknownFields(Object value, String path, List<String> violations, int depth) {
        if (value == null || depth > 40) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, violations, depth + 1));
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                unknownFields(list.get(i), path + "[" + i + "]", violations, depth + 1);
            }
            return;
        }
        Class<?> type = value.getClass();
        if (!type.getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        // getMethods() has no defined order: sorted, the same manifest gives its findings in the same order each run.
        for (Method getter : java.util.Arrays.stream(type.getMethods())
                .sorted(java.util.Comparator.comparing(Method::getName)).toList()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> violations.add(path + ": unknown field \"" + k + "\""));
                }
            } else if (!(child instanceof String) && !(child instanceof Number) && !(child instanceof Boolean)) {
                unknownFields(child, path + "." + property(getter.getName()), violations, depth + 1);
            }
        }
    }

    private static String property(String getter) {
        String name = getter.substring(3);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = String.valueOf(cause.getMessage());
        return message.lines().findFirst().orElse(message);
    }
}
