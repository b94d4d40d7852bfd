package io.rpik8s.manifests;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The platform's manifest rules. Each checker returns one message per violation, naming the
 * offending object, so a test can assert "no violations" and another can prove a bad object is caught.
 */
final class Policies {

    static final List<String> REQUIRED_LABELS = List.of(
            "app.kubernetes.io/name", "app.kubernetes.io/part-of", "app.kubernetes.io/component");
    static final String PART_OF = "rpi-k8s-platform";
    /** Pod-template annotation that exempts a workload from readOnlyRootFilesystem; its value is the reason. */
    static final String WRITABLE_ROOT_ANNOTATION = "rpi-k8s.io/writable-root-filesystem";
    /** Annotation the secretGenerator puts on Secrets built from the git-ignored credential files. */
    static final String GENERATED_SECRET_ANNOTATION = "rpi-k8s.io/generated-by";

    private static final Pattern CREDENTIAL_NAME = Pattern.compile(
            "(?i).*(password|passwd|secret|token|credential|signing[_-]?key|access[_-]?key|api[_-]?key|private[_-]?key).*");
    /** user:password@ in a URL, unless the password is a $(VAR) reference. */
    private static final Pattern URL_WITH_PASSWORD = Pattern.compile("://[^/\\s:@]+:(?!\\$\\()[^@\\s/]+@");
    private static final Pattern WELL_KNOWN_DEFAULTS = Pattern.compile(
            "(?i)\\b(minioadmin|minioadmin123|changeme|admin123|password123)\\b");

    private Policies() {
    }

    /** Every object and every pod template carries the three app.kubernetes.io labels. */
    static List<String> labels(List<HasMetadata> objects) {
        List<String> violations = new ArrayList<>();
        for (HasMetadata object : objects) {
            checkLabels(Manifests.id(object), object.getMetadata().getLabels(), violations);
            Manifests.podTemplate(object).ifPresent(t -> checkLabels(
                    Manifests.id(object) + " (pod template)",
                    t.getMetadata() == null ? null : t.getMetadata().getLabels(), violations));
        }
        return violations;
    }

    private static void checkLabels(String id, Map<String, String> labels, List<String> violations) {
        for (String label : REQUIRED_LABELS) {
            String value = labels == null ? null : labels.get(label);
            if (value == null || value.isBlank()) {
                violations.add(id + " has no label " + label);
            }
        }
        if (labels != null && labels.containsKey("app.kubernetes.io/part-of")
                && !PART_OF.equals(labels.get("app.kubernetes.io/part-of"))) {
            violations.add(id + " has app.kubernetes.io/part-of=" + labels.get("app.kubernetes.io/part-of")
                    + ", expected " + PART_OF);
        }
    }

    /** Requests, limits, probes and the security settings of every container. */
    static List<String> containers(List<HasMetadata> objects) {
        List<String> violations = new ArrayList<>();
        for (HasMetadata object : objects) {
            Manifests.podTemplate(object).ifPresent(template -> {
                PodSpec pod = template.getSpec();
                boolean writableRootAllowed = hasWritableRootReason(template);
                forEachContainer(pod, (container, init) -> {
                    String id = Manifests.id(object) + " container " + container.getName();
                    checkResources(id, container.getResources(), violations);
                    if (!init && !Manifests.isBatch(object)) {
                        if (container.getReadinessProbe() == null) {
                            violations.add(id + " has no readinessProbe");
                        }
                        if (container.getLivenessProbe() == null) {
                            violations.add(id + " has no livenessProbe");
                        }
                    }
                    checkSecurity(id, pod.getSecurityContext(), container.getSecurityContext(),
                            writableRootAllowed, violations);
                });
            });
        }
        return violations;
    }

    private static boolean hasWritableRootReason(PodTemplateSpec template) {
        var annotations = template.getMetadata() == null ? null : template.getMetadata().getAnnotations();
        String reason = annotations == null ? null : annotations.get(WRITABLE_ROOT_ANNOTATION);
        return reason != null && !reason.isBlank();
    }

    private static void checkResources(String id, ResourceRequirements resources, List<String> violations) {
        for (String kind : List.of("requests", "limits")) {
            Map<String, Quantity> values = resources == null ? null
                    : kind.equals("requests") ? resources.getRequests() : resources.getLimits();
            for (String resource : List.of("cpu", "memory")) {
                if (values == null || values.get(resource) == null) {
                    violations.add(id + " has no " + kind + "." + resource);
                }
            }
        }
    }

    private static void checkSecurity(String id, PodSecurityContext pod, SecurityContext container,
                                      boolean writableRootAllowed, List<String> violations) {
        Boolean nonRoot = container != null && container.getRunAsNonRoot() != null ? container.getRunAsNonRoot()
                : pod == null ? null : pod.getRunAsNonRoot();
        if (!Boolean.TRUE.equals(nonRoot)) {
            violations.add(id + " does not set runAsNonRoot: true (pod or container)");
        }
        Long uid = container != null && container.getRunAsUser() != null ? container.getRunAsUser()
                : pod == null ? null : pod.getRunAsUser();
        if (uid != null && uid == 0) {
            violations.add(id + " runs as uid 0");
        }
        if (container == null) {
            violations.add(id + " has no securityContext");
            return;
        }
        if (!Boolean.FALSE.equals(container.getAllowPrivilegeEscalation())) {
            violations.add(id + " does not set allowPrivilegeEscalation: false");
        }
        if (Boolean.TRUE.equals(container.getPrivileged())) {
            violations.add(id + " is privileged");
        }
        var drop = container.getCapabilities() == null ? null : container.getCapabilities().getDrop();
        if (drop == null || !drop.contains("ALL")) {
            violations.add(id + " does not drop ALL capabilities");
        }
        var add = container.getCapabilities() == null ? null : container.getCapabilities().getAdd();
        if (add != null && !add.isEmpty()) {
            violations.add(id + " adds capabilities " + add);
        }
        if (!Boolean.TRUE.equals(container.getReadOnlyRootFilesystem()) && !writableRootAllowed) {
            violations.add(id + " does not set readOnlyRootFilesystem: true (nor the pod annotation "
                    + WRITABLE_ROOT_ANNOTATION + " with the reason the image needs it)");
        }
    }

    private static void forEachContainer(PodSpec pod, BiConsumer<Container, Boolean> action) {
        if (pod.getInitContainers() != null) {
            pod.getInitContainers().forEach(c -> action.accept(c, true));
        }
        if (pod.getContainers() != null) {
            pod.getContainers().forEach(c -> action.accept(c, false));
        }
    }

    /** Every image is pinned (a tag other than latest, or a digest) and listed in IMAGES.md. */
    static List<String> images(List<HasMetadata> objects, String imagesMd) {
        List<String> violations = new ArrayList<>();
        for (HasMetadata object : objects) {
            Manifests.podTemplate(object).ifPresent(t -> forEachContainer(t.getSpec(), (c, init) -> {
                String id = Manifests.id(object) + " container " + c.getName();
                String image = c.getImage();
                if (image == null || image.isBlank()) {
                    violations.add(id + " has no image");
                    return;
                }
                String lastSegment = image.substring(image.lastIndexOf('/') + 1);
                boolean digest = image.contains("@sha256:");
                int colon = lastSegment.indexOf(':');
                String tag = colon < 0 ? null : lastSegment.substring(colon + 1);
                if (!digest && (tag == null || tag.isBlank() || tag.equals("latest"))) {
                    violations.add(id + " image " + image + " is not pinned to a version tag or digest");
                }
                if (!imagesMd.contains("`" + image + "`")) {
                    violations.add(id + " image " + image + " is not listed (as `" + image + "`) in kubernetes/IMAGES.md");
                }
            }));
        }
        return violations;
    }

    /** No credential in plain text: only generated Secrets and secretKeyRef/envFrom references. */
    static List<String> credentials(List<HasMetadata> objects) {
        List<String> violations = new ArrayList<>();
        for (HasMetadata object : objects) {
            String id = Manifests.id(object);
            if (object instanceof Secret secret) {
                var annotations = secret.getMetadata().getAnnotations();
                if (annotations == null || !annotations.containsKey(GENERATED_SECRET_ANNOTATION)) {
                    violations.add(id + " is committed with its content; generate it from git-ignored files "
                            + "(kubernetes/secrets) instead");
                }
            }
            if (object instanceof ConfigMap configMap && configMap.getData() != null) {
                configMap.getData().forEach((key, value) -> {
                    if (CREDENTIAL_NAME.matcher(key).matches() && value != null && !value.isBlank()) {
                        violations.add(id + " key " + key + " looks like a credential in a ConfigMap");
                    }
                    scanText(id + " key " + key, value, violations);
                });
            }
            Manifests.podTemplate(object).ifPresent(t -> forEachContainer(t.getSpec(), (c, init) -> {
                String cid = id + " container " + c.getName();
                if (c.getEnv() != null) {
                    for (EnvVar env : c.getEnv()) {
                        if (env.getValue() != null && !env.getValue().isBlank()
                                && CREDENTIAL_NAME.matcher(env.getName()).matches()) {
                            violations.add(cid + " env " + env.getName()
                                    + " has a literal value; take it from a Secret (secretKeyRef)");
                        }
                        scanText(cid + " env " + env.getName(), env.getValue(), violations);
                    }
                }
                Stream.concat(Objects.requireNonNullElse(c.getCommand(), List.<String>of()).stream(),
                                Objects.requireNonNullElse(c.getArgs(), List.<String>of()).stream())
                        .forEach(arg -> scanText(cid + " argument", arg, violations));
            }));
        }
        return violations;
    }

    private static void scanText(String where, String text, List<String> violations) {
        if (text == null) {
            return;
        }
        if (URL_WITH_PASSWORD.matcher(text).find()) {
            violations.add(where + " contains a URL with an embedded password");
        }
        var defaults = WELL_KNOWN_DEFAULTS.matcher(text);
        if (defaults.find()) {
            violations.add(where + " contains the well-known default credential '" + defaults.group() + "'");
        }
    }

    /** Every Service selector matches the pod template of at least one workload in its namespace. */
    static List<String> serviceSelectors(List<HasMetadata> objects) {
        List<String> violations = new ArrayList<>();
        for (HasMetadata object : objects) {
            if (!(object instanceof Service service)) {
                continue;
            }
            Map<String, String> selector = service.getSpec().getSelector();
            if (selector == null || selector.isEmpty()) {
                continue;
            }
            boolean matched = objects.stream()
                    .filter(o -> Objects.equals(o.getMetadata().getNamespace(), service.getMetadata().getNamespace()))
                    .map(Manifests::podTemplate)
                    .flatMap(java.util.Optional::stream)
                    .map(t -> t.getMetadata() == null ? null : t.getMetadata().getLabels())
                    .filter(Objects::nonNull)
                    .anyMatch(labels -> labels.entrySet().containsAll(selector.entrySet()));
            if (!matched) {
                violations.add(Manifests.id(service) + " selector " + selector + " matches no pod template");
            }
        }
        return violations;
    }

    /** Least privilege: no wildcard in any Role or ClusterRole. */
    static List<String> rbac(List<HasMetadata> objects) {
        List<String> violations = new ArrayList<>();
        for (HasMetadata object : objects) {
            List<PolicyRule> rules = object instanceof ClusterRole cr ? cr.getRules()
                    : object instanceof Role r ? r.getRules() : null;
            if (rules == null) {
                continue;
            }
            for (PolicyRule rule : rules) {
                for (List<String> values : java.util.Arrays.asList(rule.getVerbs(), rule.getResources(),
                        rule.getApiGroups(), rule.getNonResourceURLs())) {
                    if (values != null && values.contains("*")) {
                        violations.add(Manifests.id(object) + " grants a wildcard in rule " + rule.getApiGroups()
                                + " " + rule.getResources() + " " + rule.getVerbs());
                    }
                }
            }
        }
        return violations;
    }
}
