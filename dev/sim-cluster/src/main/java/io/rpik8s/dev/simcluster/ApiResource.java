package io.rpik8s.dev.simcluster;

import java.util.List;

/**
 * One resource type served by the simulated API, as it appears in discovery.
 *
 * @param group API group ("" for the core group)
 * @param version API version
 * @param kind kind of the objects
 * @param plural resource name in URLs
 * @param namespaced whether objects live in namespaces
 * @param shortNames kubectl short names
 * @param verbs allowed verbs
 * @param printerColumns for custom resources, the CRD's additionalPrinterColumns (name, type, jsonPath)
 */
public record ApiResource(String group, String version, String kind, String plural, boolean namespaced,
                          List<String> shortNames, List<String> verbs, List<PrinterColumn> printerColumns) {

    static final List<String> ALL_VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    static final List<String> READ_VERBS = List.of("get", "list");

    /** A CRD printer column. */
    public record PrinterColumn(String name, String type, String jsonPath, String description, int priority) {
    }

    static ApiResource builtIn(String group, String version, String kind, String plural, boolean namespaced,
                               String... shortNames) {
        return new ApiResource(group, version, kind, plural, namespaced, List.of(shortNames), ALL_VERBS, List.of());
    }

    public String groupVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    public String singular() {
        return kind.toLowerCase(java.util.Locale.ROOT);
    }

    /** The name used in error messages: {@code pods} or {@code deployments.apps}. */
    public String qualifiedName() {
        return group.isEmpty() ? plural : plural + "." + group;
    }
}
